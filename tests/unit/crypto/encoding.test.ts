import { describe, expect, it } from "vitest";

import { bytesToUtf8, CryptoInputError, fromBase64Url, toBase64Url, utf8ToBytes } from "@/lib/crypto";

import { sequence } from "./helpers";

describe("base64url", () => {
  it("matches RFC 4648 test vectors, without padding", () => {
    const vectors: Array<[string, string]> = [
      ["", ""],
      ["f", "Zg"],
      ["fo", "Zm8"],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg"],
      ["fooba", "Zm9vYmE"],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64Url(utf8ToBytes(plain))).toBe(encoded);
      expect(bytesToUtf8(fromBase64Url(encoded))).toBe(plain);
    }
  });

  it("uses the URL-safe alphabet", () => {
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe("-_-_");
    expect(fromBase64Url("-_-_")).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
  });

  it("round-trips every length and byte value", () => {
    for (let length = 0; length <= 66; length += 1) {
      const bytes = sequence(length, length * 7);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    const all = sequence(256);
    expect(fromBase64Url(toBase64Url(all))).toEqual(all);
  });

  it.each([
    ["padding", "Zg=="],
    ["standard alphabet +", "+/+/"],
    ["whitespace", "Zm9v Yg"],
    ["trailing newline", "Zm9v\n"],
    ["impossible length", "Zm9vY"],
    ["non-zero unused bits", "Zh"],
    ["non-ASCII", "Zm9é"],
  ])("rejects %s", (_, text) => {
    expect(() => fromBase64Url(text)).toThrow(CryptoInputError);
  });
});

describe("utf8", () => {
  it("round-trips text outside ASCII, keeping a leading BOM", () => {
    const text = "\uFEFFMeldpunt — ğüşiöç 人身売買 🚨";
    expect(bytesToUtf8(utf8ToBytes(text))).toBe(text);
  });

  it("rejects malformed UTF-8 and lone surrogates instead of substituting U+FFFD", () => {
    expect(() => bytesToUtf8(Uint8Array.of(0x61, 0xff, 0x62))).toThrow(CryptoInputError);
    expect(() => utf8ToBytes("a\uD800b")).toThrow(CryptoInputError);
  });
});
