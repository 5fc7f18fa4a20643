import { deriveOperatorSecrets } from "./derive-operator-secrets";
import { CryptoInputError, OpenError } from "./errors";
import type { TKeyPair } from "./types";
import { unwrapOperatorKey, WRAPPED_PRIVATE_KEY_BYTES } from "./unwrap-operator-key";

/**
 * Unwraps an operator's private key from their passphrase, in their browser:
 * `deriveOperatorSecrets` (Argon2id, `OPERATOR_KDF`) from passphrase and salt, then
 * `unwrapOperatorKey` (XSalsa20-Poly1305 secretbox, and a check that the key belongs to
 * `publicKey`). The derived unlock key is wiped afterwards. When the auth key is needed
 * too (login), derive once and call `unwrapOperatorKey` instead.
 *
 * Who can decrypt: whoever knows the passphrase.
 *
 * Throws `OpenError` for a wrong passphrase or salt, any altered, missing or extra
 * byte of the wrapped key, or a private key that does not match `publicKey`. Throws
 * `CryptoInputError` for an empty passphrase, or a salt or public key of the wrong
 * length.
 */
export async function unlockOperatorKey(
  passphrase: string,
  salt: Uint8Array,
  publicKey: Uint8Array,
  wrappedPrivateKey: Uint8Array,
): Promise<TKeyPair> {
  if (publicKey.length !== 32) throw new CryptoInputError("public key must be 32 bytes");
  // Before the costly derivation: a blob of the wrong length cannot open anyway.
  if (wrappedPrivateKey.length !== WRAPPED_PRIVATE_KEY_BYTES) throw new OpenError();
  const { unlockKey, authKey } = await deriveOperatorSecrets(passphrase, salt);
  authKey.fill(0);
  try {
    return await unwrapOperatorKey(unlockKey, publicKey, wrappedPrivateKey);
  } finally {
    unlockKey.fill(0);
  }
}
