import { describe, expect, it } from "vitest";

import {
  CryptoInputError,
  deriveReporterKeys,
  hashLookupToken,
  openMessage,
  RECEIPT_KDF,
  RECEIPT_SALT_LABEL,
  generateReceiptCode,
  sealMessage,
  type TReporterKeys,
} from "@/lib/crypto";
import { deriveReporterKeysOnServer, deriveReporterKeysWithBuild, serverArgon2idChoice } from "@/lib/crypto/server";

import { sequence, toHex } from "./helpers";

// Known answers, checked independently of libsodium (Python: OpenSSL's Argon2id via
// `cryptography`, hashlib.blake2b, SHA-512 + X25519). If one of these changes, every
// reporter's receipt code stops finding its tip: change the format version instead.
const CODE = "7KQ3-M0ZD-X4HT-9BNE";
const LOOKUP_TOKEN = "ed33c1a8ed6a1e71867205de5ca52f12511fde2cdee982dc4b7c2f2131660bd1";
const PUBLIC_KEY = "6ff358dec4b0f620fc1c78c7b14804c2a7ca2cc88fd6cf078f9780a7790de413";
const PRIVATE_KEY = "d6db1fff744a8ef026226a0fd277c8d67dbc27ce917829d1222a3492e57199c4";
const SERVER_KEY = sequence(32, 0x20);
const LOOKUP_HASH = "20b80140e97ca4baf1f54406b7341095eb6b3860e10d66ec67af5fc1da0ed0e4";

// The browser derives with libsodium's WebAssembly build (deriveReporterKeys); the server
// with whichever of the native and the WebAssembly build is faster on its CPU
// (deriveReporterKeysOnServer, lib/crypto/server.ts). A reporter whose tip was sent
// without JavaScript checks its status with JavaScript, and the other way round: every
// build must give the same keys, so each answers the same test, whichever the server chose.
const BUILDS: [string, (code: string) => Promise<TReporterKeys>][] = [
  ["deriveReporterKeys (WebAssembly, the browser's)", deriveReporterKeys],
  ["the server's native build", (code) => deriveReporterKeysWithBuild(code, "native")],
  ["the server's WebAssembly build", (code) => deriveReporterKeysWithBuild(code, "wasm")],
  ["deriveReporterKeysOnServer (the build this process chose)", deriveReporterKeysOnServer],
];

describe("RECEIPT_KDF", () => {
  it("keeps its parameters", () => {
    expect(RECEIPT_KDF).toEqual({ opslimit: 2, memlimit: 4 * 1024 * 1024 });
    expect(RECEIPT_SALT_LABEL).toBe("tipline/receipt/v1");
  });
});

describe.each(BUILDS)("%s", (_name, derive) => {
  it("derives the known lookup token and key pair for a fixed code", async () => {
    const keys = await derive(CODE);
    expect(toHex(keys.lookupToken)).toBe(LOOKUP_TOKEN);
    expect(toHex(keys.publicKey)).toBe(PUBLIC_KEY);
    expect(toHex(keys.privateKey)).toBe(PRIVATE_KEY);
  });

  it("derives the same keys from any accepted spelling of the code", async () => {
    for (const spelling of ["7kq3 mozd x4ht 9bne", "7KQ3M0ZDX4HT9BNE", " 7kq3-m0zd-x4ht-9bne "]) {
      expect(toHex((await derive(spelling)).lookupToken)).toBe(LOOKUP_TOKEN);
    }
  });

  it("derives unrelated keys from a code one symbol away", async () => {
    const other = await derive("7KQ3-M0ZD-X4HT-9BNF");
    expect(toHex(other.lookupToken)).not.toBe(LOOKUP_TOKEN);
    expect(toHex(other.publicKey)).not.toBe(PUBLIC_KEY);
  });

  it("gives a key pair that opens what was sealed to it", async () => {
    const keys = await derive(CODE);
    const sealed = await sealMessage(keys.publicKey, "Did you see the van again?");
    expect(await openMessage(await derive(CODE), sealed)).toBe("Did you see the van again?");
  });

  it.each(["", "7KQ3-M0ZD-X4HT-9BNU", "7KQ3-M0ZD-X4HT", "correct horse battery staple", "7KQ3-M0ZD-X4HT-9BNE\u0000", "７KQ3-M0ZD-X4HT-9BNE"])(
    "throws CryptoInputError for %j",
    async (code) => {
      await expect(derive(code)).rejects.toThrow(CryptoInputError);
    },
  );
});

describe("deriveReporterKeysOnServer against the browser's build", () => {
  it("loads the native build on this machine (a silent fallback would hide a broken install) and keeps the faster one", async () => {
    const choice = await serverArgon2idChoice();
    expect(choice.nativeLoaded).toBe(true);
    expect(choice.nativeMs).toBeGreaterThan(0);
    expect(choice.wasmMs).toBeGreaterThan(0);
    expect(choice.backend).toBe(choice.nativeMs! <= choice.wasmMs! ? "native" : "wasm");
  });

  it("gives the browser's keys from the native build for 200 random codes, whichever build was chosen", async () => {
    for (let index = 0; index < 200; index += 1) {
      const code = generateReceiptCode();
      const [browser, native] = [await deriveReporterKeys(code), await deriveReporterKeysWithBuild(code, "native")];
      expect(toHex(native.lookupToken), code).toBe(toHex(browser.lookupToken));
      expect(toHex(native.privateKey), code).toBe(toHex(browser.privateKey));
    }
  });

  it("gives the browser's keys for 200 random codes", async () => {
    for (let index = 0; index < 200; index += 1) {
      const code = generateReceiptCode();
      const [browser, server] = [await deriveReporterKeys(code), await deriveReporterKeysOnServer(code)];
      expect(toHex(server.lookupToken), code).toBe(toHex(browser.lookupToken));
      expect(toHex(server.publicKey), code).toBe(toHex(browser.publicKey));
      expect(toHex(server.privateKey), code).toBe(toHex(browser.privateKey));
    }
  });

  it.each(["native", "wasm", "chosen"] as const)("keeps 64 concurrent derivations apart (%s build)", async (build) => {
    const codes = Array.from({ length: 64 }, () => generateReceiptCode());
    const concurrent = await Promise.all(codes.map((code) => (build === "chosen" ? deriveReporterKeysOnServer(code) : deriveReporterKeysWithBuild(code, build))));
    for (const [index, code] of codes.entries()) {
      expect(toHex(concurrent[index]!.lookupToken), code).toBe(toHex((await deriveReporterKeys(code)).lookupToken));
    }
    expect(new Set(concurrent.map((keys) => toHex(keys.lookupToken))).size).toBe(64);
  });
});

describe("hashLookupToken", () => {
  it("computes the known keyed BLAKE2b-256", async () => {
    const { lookupToken } = await deriveReporterKeys(CODE);
    expect(toHex(await hashLookupToken(lookupToken, SERVER_KEY))).toBe(LOOKUP_HASH);
  });

  it("depends on the server key, so a database dump alone cannot test a code", async () => {
    const { lookupToken } = await deriveReporterKeys(CODE);
    expect(toHex(await hashLookupToken(lookupToken, sequence(32, 0x21)))).not.toBe(LOOKUP_HASH);
  });

  it("refuses keys and tokens of the wrong length", async () => {
    await expect(hashLookupToken(new Uint8Array(31), SERVER_KEY)).rejects.toThrow(CryptoInputError);
    await expect(hashLookupToken(new Uint8Array(32), new Uint8Array(16))).rejects.toThrow(CryptoInputError);
  });
});
