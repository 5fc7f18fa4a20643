import { utf8ToBytes } from "./encoding";
import { CryptoInputError } from "./errors";
import { getSodium } from "./sodium";

/**
 * Argon2id cost for operator passphrases: libsodium's "moderate" time cost with
 * 64 MiB of memory. Here the KDF does protect a human-chosen secret, so it is as
 * expensive as an operator's browser tolerates once per login. It runs only in the
 * browser; the server never sees the passphrase.
 *
 * Changing either number locks every operator out of their wrapped private key.
 */
export const OPERATOR_KDF = { opslimit: 3, memlimit: 64 * 1024 * 1024 } as const;

/** Salt length for `deriveOperatorSecrets` (crypto_pwhash_SALTBYTES). */
export const OPERATOR_SALT_BYTES = 16;

/** Two independent 32-byte secrets derived from one passphrase. */
export interface TOperatorSecrets {
  /** Unwraps the operator's private key. Never leaves the browser. */
  unlockKey: Uint8Array<ArrayBuffer>;
  /** Sent at login; the server stores only `hashAuthKey(authKey, serverKey)`. */
  authKey: Uint8Array<ArrayBuffer>;
}

/**
 * Derives an operator's unlock key and auth key from their passphrase: Argon2id13
 * (`crypto_pwhash`, `OPERATOR_KDF`) over the NFKC-normalised passphrase (UTF-8) and
 * the operator's 16-byte random salt, 64 bytes out: bytes 0–31 unlockKey, bytes
 * 32–63 authKey. Knowing the authKey (as the server does at login) tells nothing
 * about the unlockKey.
 *
 * Who can decrypt: whoever knows the passphrase can unwrap the operator's private key
 * and, through their grant, the desk key. NFKC means the same passphrase typed on
 * different keyboards (composed or decomposed accents, full-width forms) derives the
 * same keys; no other change (no trimming, no case folding) is made.
 *
 * Throws `CryptoInputError` for an empty passphrase or a salt that is not 16 bytes.
 */
export async function deriveOperatorSecrets(passphrase: string, salt: Uint8Array): Promise<TOperatorSecrets> {
  const normalised = passphrase.normalize("NFKC");
  if (normalised.length === 0) throw new CryptoInputError("passphrase is empty");
  if (salt.length !== OPERATOR_SALT_BYTES) throw new CryptoInputError("salt must be 16 bytes");
  const sodium = await getSodium();
  const output = sodium.crypto_pwhash(
    64,
    utf8ToBytes(normalised),
    salt,
    OPERATOR_KDF.opslimit,
    OPERATOR_KDF.memlimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
  const secrets = { unlockKey: output.slice(0, 32), authKey: output.slice(32, 64) };
  sodium.memzero(output);
  return secrets;
}
