import { utf8ToBytes } from "./encoding";
import { CryptoInputError } from "./errors";
import { normaliseReceiptCode } from "./receipt-code";
import { fromSodium, getSodium } from "./sodium";

/**
 * Argon2id cost for receipt codes. Modest on purpose, and safe because of where the
 * strength comes from: a code carries 80 bits from a CSPRNG, so guessing one takes
 * ~2^79 evaluations whatever each costs; the KDF is not rescuing a weak password.
 * Argon2id adds memory-hardness on top, which keeps an offline search off cheap
 * hardware. The other side of the scale is the server: on the no-JavaScript path it
 * runs this once per submission and per status check, and should manage ~100/s on
 * 2 cores (see `bench/crypto-primitives.ts`).
 *
 * Changing either number changes every reporter's lookup token and key pair, which
 * orphans every stored receipt. The known-answer tests exist to make that loud.
 */
export const RECEIPT_KDF = { opslimit: 2, memlimit: 4 * 1024 * 1024 } as const;

/** Domain label hashed (BLAKE2b-128) into the fixed application salt. */
export const RECEIPT_SALT_LABEL = "tipline/receipt/v1";

/** What a receipt code unlocks. Whoever holds the code can derive all three. */
export interface TReporterKeys {
  /** 32 bytes; the server keys its record on `hashLookupToken(lookupToken, serverKey)`. */
  lookupToken: Uint8Array<ArrayBuffer>;
  /** X25519; questions to the reporter are sealed to it. */
  publicKey: Uint8Array<ArrayBuffer>;
  /** X25519; opens what was sealed to `publicKey`. */
  privateKey: Uint8Array<ArrayBuffer>;
}

/**
 * Derives a reporter's lookup token and X25519 key pair from their receipt code:
 * Argon2id13 (`crypto_pwhash`, `RECEIPT_KDF`) over the canonical code
 * (`XXXX-XXXX-XXXX-XXXX`, UTF-8), with a fixed application salt (BLAKE2b-128 of
 * "tipline/receipt/v1"), 64 bytes out: bytes 0–31 are the lookup token, bytes 32–63
 * the seed for `crypto_box_seed_keypair`.
 *
 * Who can decrypt: whoever holds the code can open anything sealed to the reporter's
 * public key. Deterministic by design, so the reporter needs nothing but the code;
 * the fixed salt means one derivation per guess, with no per-user salt to slow an
 * attacker, which is why the code must carry 80 random bits.
 *
 * Accepts any spelling `normaliseReceiptCode` accepts; throws `CryptoInputError` for
 * anything that is not a receipt code.
 */
export async function deriveReporterKeys(code: string): Promise<TReporterKeys> {
  return deriveReporterKeysWith(code, wasmReceiptArgon2id);
}

/**
 * Argon2id13 at `RECEIPT_KDF`'s cost over `password` and `salt` (16 bytes), 64 bytes out.
 * `deriveReporterKeys` runs libsodium's WebAssembly build; the server may bring a native
 * build of the same function (`derive-reporter-keys-on-server.ts`). The caller wipes the
 * output.
 */
export type TReceiptArgon2id = (password: Uint8Array, salt: Uint8Array) => Promise<Uint8Array>;

/** The WebAssembly build's Argon2id: the browser's, and the server's fallback. */
export const wasmReceiptArgon2id: TReceiptArgon2id = async (password, salt) => {
  const sodium = await getSodium();
  return sodium.crypto_pwhash(64, password, salt, RECEIPT_KDF.opslimit, RECEIPT_KDF.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
};

/**
 * `deriveReporterKeys` with the Argon2id computation supplied: everything around it (the
 * code's canonical form, the salt, the split, the key pair) stays here, in one place, so
 * both builds derive the same keys from the same code. For
 * `derive-reporter-keys-on-server.ts` only.
 */
export async function deriveReporterKeysWith(code: string, argon2id: TReceiptArgon2id): Promise<TReporterKeys> {
  const canonical = normaliseReceiptCode(code);
  if (canonical === null) throw new CryptoInputError("not a receipt code");
  const sodium = await getSodium();
  const salt = sodium.crypto_generichash(sodium.crypto_pwhash_SALTBYTES, utf8ToBytes(RECEIPT_SALT_LABEL), null);
  const output = await argon2id(utf8ToBytes(canonical), salt);
  if (output.length !== 64) throw new Error("Argon2id gave the wrong length");
  const lookupToken = output.slice(0, 32);
  const seed = output.slice(32, 64);
  const { publicKey, privateKey } = sodium.crypto_box_seed_keypair(seed);
  sodium.memzero(seed);
  sodium.memzero(output);
  return { lookupToken: fromSodium(lookupToken), publicKey: fromSodium(publicKey), privateKey: fromSodium(privateKey) };
}
