import { describe, expect, it } from "vitest";

import {
  createOperatorKeys,
  CryptoInputError,
  deriveOperatorSecrets,
  hashAuthKey,
  OPERATOR_KDF,
  unlockOperatorKey,
  unwrapOperatorKey,
  verifyAuthKey,
} from "@/lib/crypto";

import { expectOpenError, fromHex, sequence, tamperCases, toHex } from "./helpers";

// Known answers, checked independently of libsodium (Python: OpenSSL's Argon2id via
// `cryptography`, hashlib.blake2b). If one changes, every operator is locked out.
const PASSPHRASE = "correct horse battery staple";
const SALT = sequence(16);
const UNLOCK_KEY = "f583c66eb0c983f6be0f1801d34580dba6ce391a35def61fed043c365dc37c52";
const AUTH_KEY = "f1c2815097615f218797ed574c7084ed21fd2609b8d0b3706bffd4dec7e6aeb8";
const SERVER_KEY = sequence(32, 0x20);
const VERIFIER = "d4e3d098d5578059956b180bac3ad84f516fa7e99c98ed18c78f753a08957b36";

const operator = await createOperatorKeys(PASSPHRASE);
const { unlockKey } = await deriveOperatorSecrets(PASSPHRASE, operator.salt);

describe("deriveOperatorSecrets", () => {
  it("keeps its parameters", () => {
    expect(OPERATOR_KDF).toEqual({ opslimit: 3, memlimit: 64 * 1024 * 1024 });
  });

  it("derives the known unlock key and auth key for a fixed passphrase and salt", async () => {
    const secrets = await deriveOperatorSecrets(PASSPHRASE, SALT);
    expect(toHex(secrets.unlockKey)).toBe(UNLOCK_KEY);
    expect(toHex(secrets.authKey)).toBe(AUTH_KEY);
  });

  it("treats composed and decomposed accents alike (NFKC), and nothing else", async () => {
    const composed = await deriveOperatorSecrets("Crème brûlée", SALT);
    const decomposed = await deriveOperatorSecrets("Cre\u0300me bru\u0302le\u0301e", SALT);
    const otherCase = await deriveOperatorSecrets("crème brûlée", SALT);
    expect(toHex(decomposed.authKey)).toBe(toHex(composed.authKey));
    expect(toHex(otherCase.authKey)).not.toBe(toHex(composed.authKey));
  });

  it("refuses an empty passphrase or a salt that is not 16 bytes", async () => {
    await expect(deriveOperatorSecrets("", SALT)).rejects.toThrow(CryptoInputError);
    await expect(deriveOperatorSecrets(PASSPHRASE, sequence(15))).rejects.toThrow(CryptoInputError);
  });
});

describe("hashAuthKey / verifyAuthKey", () => {
  it("computes the known verifier", async () => {
    expect(toHex(await hashAuthKey(fromHex(AUTH_KEY), SERVER_KEY))).toBe(VERIFIER);
  });

  it("accepts the right auth key and rejects any other", async () => {
    const verifier = await hashAuthKey(operator.authKey, SERVER_KEY);
    expect(await verifyAuthKey(operator.authKey, verifier, SERVER_KEY)).toBe(true);
    const wrong = operator.authKey.slice();
    wrong[31] = wrong[31]! ^ 0x80;
    expect(await verifyAuthKey(wrong, verifier, SERVER_KEY)).toBe(false);
    expect(await verifyAuthKey(operator.authKey, verifier, sequence(32, 0x21))).toBe(false);
  });

  it("answers false, not an exception, to wrong lengths from outside", async () => {
    const verifier = await hashAuthKey(operator.authKey, SERVER_KEY);
    expect(await verifyAuthKey(operator.authKey.subarray(1), verifier, SERVER_KEY)).toBe(false);
    expect(await verifyAuthKey(new Uint8Array(0), verifier, SERVER_KEY)).toBe(false);
    expect(await verifyAuthKey(operator.authKey, verifier.subarray(1), SERVER_KEY)).toBe(false);
    await expect(verifyAuthKey(operator.authKey, verifier, new Uint8Array(16))).rejects.toThrow(CryptoInputError);
  });
});

describe("createOperatorKeys / unlockOperatorKey", () => {
  it("produces the documented lengths", () => {
    expect(operator.salt.length).toBe(16);
    expect(operator.authKey.length).toBe(32);
    expect(operator.publicKey.length).toBe(32);
    expect(operator.privateKey.length).toBe(32);
    expect(operator.wrappedPrivateKey.length).toBe(24 + 16 + 32);
  });

  it("sends an auth key that the passphrase and salt reproduce at login", async () => {
    const { authKey } = await deriveOperatorSecrets(PASSPHRASE, operator.salt);
    expect(authKey).toEqual(operator.authKey);
  });

  it("does not put the private key or unlock key in what the server stores", () => {
    const stored = toHex(Uint8Array.of(...operator.salt, ...operator.authKey, ...operator.publicKey, ...operator.wrappedPrivateKey));
    expect(stored).not.toContain(toHex(operator.privateKey));
    expect(stored).not.toContain(toHex(unlockKey));
  });

  it("unlocks the private key with the passphrase", async () => {
    const unlocked = await unlockOperatorKey(PASSPHRASE, operator.salt, operator.publicKey, operator.wrappedPrivateKey);
    expect(unlocked.privateKey).toEqual(operator.privateKey);
    expect(unlocked.publicKey).toEqual(operator.publicKey);
  });

  it("unwraps the private key with the unlock key derived at login (one Argon2id run)", async () => {
    const unwrapped = await unwrapOperatorKey(unlockKey, operator.publicKey, operator.wrappedPrivateKey);
    expect(unwrapped.privateKey).toEqual(operator.privateKey);
  });

  it("refuses an empty passphrase, and keys of the wrong length", async () => {
    await expect(createOperatorKeys("")).rejects.toThrow(CryptoInputError);
    await expect(
      unlockOperatorKey(PASSPHRASE, operator.salt, operator.publicKey.subarray(1), operator.wrappedPrivateKey),
    ).rejects.toThrow(CryptoInputError);
    await expect(
      unwrapOperatorKey(new Uint8Array(16), operator.publicKey, operator.wrappedPrivateKey),
    ).rejects.toThrow(CryptoInputError);
  });
});

// nonce(24) ‖ Poly1305 tag(16) ‖ encrypted private key(32)
const wrappedRegions = [
  { name: "nonce", start: 0, end: 24 },
  { name: "MAC tag", start: 24, end: 40 },
  { name: "body", start: 40, end: 72 },
];

describe("unwrapOperatorKey tamper cases: each throws OpenError and nothing else", () => {
  it.each(tamperCases(operator.wrappedPrivateKey, wrappedRegions))("%s", async (_, tampered) => {
    await expectOpenError(unwrapOperatorKey(unlockKey, operator.publicKey, tampered));
  });

  it("wrong unlock key", async () => {
    const { unlockKey: otherKey } = await deriveOperatorSecrets("not the passphrase", operator.salt);
    await expectOpenError(unwrapOperatorKey(otherKey, operator.publicKey, operator.wrappedPrivateKey));
  });

  it("another operator's public key", async () => {
    const other = await createOperatorKeys(PASSPHRASE);
    await expectOpenError(unwrapOperatorKey(unlockKey, other.publicKey, operator.wrappedPrivateKey));
  });
});

describe("unlockOperatorKey tamper cases: each throws OpenError and nothing else", () => {
  it.each(tamperCases(operator.wrappedPrivateKey, wrappedRegions))("%s", async (_, tampered) => {
    await expectOpenError(unlockOperatorKey(PASSPHRASE, operator.salt, operator.publicKey, tampered));
  });

  it("wrong passphrase", async () => {
    await expectOpenError(
      unlockOperatorKey("correct horse battery stapler", operator.salt, operator.publicKey, operator.wrappedPrivateKey),
    );
  });

  it("wrong salt", async () => {
    await expectOpenError(unlockOperatorKey(PASSPHRASE, sequence(16), operator.publicKey, operator.wrappedPrivateKey));
  });

  it("another operator's public key", async () => {
    const other = await createOperatorKeys(PASSPHRASE);
    await expectOpenError(unlockOperatorKey(PASSPHRASE, operator.salt, other.publicKey, operator.wrappedPrivateKey));
  });

  it("another operator's wrapped key under the same passphrase", async () => {
    const other = await createOperatorKeys(PASSPHRASE);
    await expectOpenError(unlockOperatorKey(PASSPHRASE, operator.salt, operator.publicKey, other.wrappedPrivateKey));
  });
});
