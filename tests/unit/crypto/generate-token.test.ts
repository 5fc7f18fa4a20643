import { describe, expect, it } from "vitest";

import { CryptoInputError, fromBase64Url, generateToken } from "@/lib/crypto";

describe("generateToken", () => {
  it("gives 32 random bytes as 43 base64url characters by default", () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fromBase64Url(token).length).toBe(32);
  });

  it("honours the requested length", () => {
    expect(fromBase64Url(generateToken(16)).length).toBe(16);
    expect(fromBase64Url(generateToken(64)).length).toBe(64);
  });

  it("does not repeat itself", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken()));
    expect(tokens.size).toBe(1000);
  });

  it.each([0, 8, 15, 16.5, 2048, Number.NaN])("refuses %s bytes", (bytes) => {
    expect(() => generateToken(bytes)).toThrow(CryptoInputError);
  });
});
