import { CryptoInputError, OpenError } from "./errors";
import { fromSodium, getSodium } from "./sodium";
import type { TKeyPair } from "./types";

/** 24-byte nonce + 16-byte Poly1305 tag + 32-byte private key. */
export const WRAPPED_PRIVATE_KEY_BYTES = 72;

/**
 * Unwraps an operator's private key with an unlock key already derived by
 * `deriveOperatorSecrets`: `crypto_secretbox_open_easy` (XSalsa20-Poly1305) of
 * `wrappedPrivateKey` = nonce(24) ‖ box, then checks that the key it yields belongs to
 * `publicKey` (`crypto_scalarmult_base`), so a swapped wrapped key or public key is
 * caught here rather than as puzzling failures later. The login flow uses this to run
 * Argon2id once for both the auth key and the unlock key; `unlockOperatorKey` is the
 * same from a passphrase. The caller still owns `unlockKey` and should wipe it.
 *
 * Who can decrypt: whoever holds the unlock key, i.e. knows the passphrase.
 *
 * Throws `OpenError` for a wrong unlock key, any altered, missing or extra byte of the
 * wrapped key, or a private key that does not match `publicKey`. Throws
 * `CryptoInputError` for an unlock key or public key that is not 32 bytes.
 */
export async function unwrapOperatorKey(
  unlockKey: Uint8Array,
  publicKey: Uint8Array,
  wrappedPrivateKey: Uint8Array,
): Promise<TKeyPair> {
  if (unlockKey.length !== 32) throw new CryptoInputError("unlock key must be 32 bytes");
  if (publicKey.length !== 32) throw new CryptoInputError("public key must be 32 bytes");
  if (wrappedPrivateKey.length !== WRAPPED_PRIVATE_KEY_BYTES) throw new OpenError();
  const sodium = await getSodium();
  try {
    const nonce = wrappedPrivateKey.subarray(0, sodium.crypto_secretbox_NONCEBYTES);
    const box = wrappedPrivateKey.subarray(sodium.crypto_secretbox_NONCEBYTES);
    const privateKey = sodium.crypto_secretbox_open_easy(box, nonce, unlockKey);
    if (!sodium.memcmp(sodium.crypto_scalarmult_base(privateKey), publicKey)) {
      sodium.memzero(privateKey);
      throw new OpenError();
    }
    return { publicKey: publicKey.slice(), privateKey: fromSodium(privateKey) };
  } catch {
    throw new OpenError();
  }
}
