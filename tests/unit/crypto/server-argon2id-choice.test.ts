import { afterEach, describe, expect, it, vi } from "vitest";

import { deriveReporterKeys, generateReceiptCode } from "@/lib/crypto";
import { wasmReceiptArgon2id, type TReceiptArgon2id } from "@/lib/crypto/derive-reporter-keys";
import { chooseArgon2id } from "@/lib/crypto/derive-reporter-keys-on-server";

import { toHex } from "./helpers";

// The server times libsodium's native and WebAssembly Argon2id once per process and keeps
// the faster: neither is faster on every CPU (native 2.6 against 4.1 ms on one machine
// here, 7.4–8.9 against 4.7–4.9 ms on an AMD EPYC with AVX-512). The builds stand in here
// as wrappers around the real WebAssembly build, slowed down by a busy wait, so that the
// outcome does not depend on this machine's CPU; and as broken builds, which must never be
// chosen, whatever their speed.

/** The real WebAssembly build, made at least `ms` slower (the server's builds block the thread, so does this). */
function slowed(ms: number, inner: TReceiptArgon2id = wasmReceiptArgon2id): TReceiptArgon2id {
  return async (password, salt) => {
    const output = await inner(password, salt);
    const until = performance.now() + ms;
    while (performance.now() < until);
    return output;
  };
}

describe("chooseArgon2id", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ["native", 0, 25],
    ["wasm", 25, 0],
  ] as const)("keeps the faster build (%s) and says which, with both figures", async (expected, nativeExtraMs, wasmExtraMs) => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const choice = await chooseArgon2id(slowed(nativeExtraMs), slowed(wasmExtraMs));
    expect(choice.backend).toBe(expected);
    expect(choice.nativeLoaded).toBe(true);
    const [fast, slow] = expected === "native" ? [choice.nativeMs!, choice.wasmMs!] : [choice.wasmMs!, choice.nativeMs!];
    expect(slow - fast).toBeGreaterThan(20);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]!.join(" ")).toMatch(expected === "native" ? /receipt Argon2id: native \(native [\d.]+ ms, WebAssembly [\d.]+ ms/ : /receipt Argon2id: WebAssembly \(native [\d.]+ ms, WebAssembly [\d.]+ ms/);
  });

  it("gives derivations the chosen build's function, which gives the browser's keys", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const calls: number[] = [];
    const counted: TReceiptArgon2id = async (password, salt) => {
      calls.push(1);
      return wasmReceiptArgon2id(password, salt);
    };
    const choice = await chooseArgon2id(counted, slowed(25), 2);
    expect(choice.backend).toBe("native");
    expect(calls).toHaveLength(2);
    const code = generateReceiptCode();
    const { deriveReporterKeysWith } = await import("@/lib/crypto/derive-reporter-keys");
    expect(toHex((await deriveReporterKeysWith(code, choice.argon2id)).lookupToken)).toBe(toHex((await deriveReporterKeys(code)).lookupToken));
    expect(calls).toHaveLength(3);
  });

  it("never keeps a faster native build that computes something else (it would orphan every receipt)", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const wrong: TReceiptArgon2id = async (password, salt) => {
      const output = await wasmReceiptArgon2id(password, salt);
      output[63] = output[63]! ^ 1;
      return output;
    };
    const choice = await chooseArgon2id(wrong, slowed(25));
    expect(choice.backend).toBe("wasm");
    expect(choice.argon2id).not.toBe(wrong);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]!.join(" ")).toMatch(/native Argon2id disagrees with WebAssembly; using WebAssembly/);
  });

  it("never keeps a native build that gives the wrong length", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const short: TReceiptArgon2id = async (password, salt) => (await wasmReceiptArgon2id(password, salt)).slice(0, 32);
    expect((await chooseArgon2id(short, slowed(25))).backend).toBe("wasm");
  });

  it("falls back when the native build throws, and logs the error's class only", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const throwing: TReceiptArgon2id = async () => {
      throw new RangeError("/opt/secret/path: out of memory");
    };
    const choice = await chooseArgon2id(throwing, wasmReceiptArgon2id);
    expect(choice.backend).toBe("wasm");
    expect(choice.argon2id).toBe(wasmReceiptArgon2id);
    const logged = warn.mock.calls.flat().join(" ");
    expect(logged).toMatch(/native Argon2id failed \(RangeError\); using WebAssembly/);
    expect(logged).not.toContain("/opt/secret/path");
  });
});
