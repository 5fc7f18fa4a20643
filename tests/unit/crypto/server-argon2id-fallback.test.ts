import { afterEach, describe, expect, it, vi } from "vitest";

import { deriveReporterKeys, generateReceiptCode } from "@/lib/crypto";

import { toHex } from "./helpers";

// Where the prebuilt native addon cannot load (a platform it has no build for, a broken
// install), the server derives with the WebAssembly build instead: the same keys, slower.
// Here the addon is made to fail to load, and the server's derivation must neither crash
// nor give other keys, and its warning must say no more than that it fell back.
describe("deriveReporterKeysOnServer without the native addon", () => {
  afterEach(() => {
    vi.doUnmock("sodium-native");
    vi.resetModules();
    vi.restoreAllMocks();
  });

  it.each([
    ["cannot load", () => {
      throw new Error("/opt/secret/path: cannot open shared object file");
    }],
    ["loads without crypto_pwhash", () => ({ default: { crypto_pwhash_ALG_ARGON2ID13: 2 } })],
  ])("falls back to WebAssembly when the addon %s, derives the same keys and says so once, without the code", async (_case, factory) => {
    vi.resetModules();
    vi.doMock("sodium-native", factory);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const server = await import("@/lib/crypto/server");
    const code = generateReceiptCode();

    const [first, second] = [await server.deriveReporterKeysOnServer(code), await server.deriveReporterKeysOnServer(code)];
    const browser = await deriveReporterKeys(code);

    expect(await server.serverArgon2idChoice()).toMatchObject({ backend: "wasm", nativeLoaded: false });
    expect(toHex(first.lookupToken)).toBe(toHex(browser.lookupToken));
    expect(toHex(second.publicKey)).toBe(toHex(browser.publicKey));
    expect(warn).toHaveBeenCalledTimes(1);
    const logged = warn.mock.calls.flat().join(" ");
    expect(logged).toMatch(/native Argon2id unavailable.*WebAssembly/);
    expect(logged).not.toContain("/opt/secret/path");
    expect(logged).not.toContain(code);
  });
});
