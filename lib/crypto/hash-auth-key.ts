import { CryptoInputError } from "./errors";
import { fromSodium, getSodium } from "./sodium";

/**
 * Computes the verifier the server stores for an operator's auth key: keyed
 * BLAKE2b-256 (`crypto_generichash` with a 32-byte server key). One-way; the auth key
 * already carries 256 bits from Argon2id, so no second slow hash is needed, and
 * without the server key a database dump cannot even check a guessed passphrase.
 * Use a server key meant for this purpose alone.
 * Throws `CryptoInputError` unless both arguments are 32 bytes.
 */
export async function hashAuthKey(authKey: Uint8Array, serverKey: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (authKey.length !== 32) throw new CryptoInputError("auth key must be 32 bytes");
  if (serverKey.length !== 32) throw new CryptoInputError("server key must be 32 bytes");
  const sodium = await getSodium();
  return fromSodium(sodium.crypto_generichash(32, authKey, serverKey));
}

/**
 * Checks an auth key presented at login against the stored verifier: recomputes
 * `hashAuthKey` and compares in constant time (`sodium.memcmp`).
 *
 * Returns `false`, never throws, for an auth key or verifier of the wrong length:
 * both come from outside (request body, database). Throws `CryptoInputError` only for
 * a server key that is not 32 bytes, which is a configuration error.
 */
export async function verifyAuthKey(
  authKey: Uint8Array,
  verifier: Uint8Array,
  serverKey: Uint8Array,
): Promise<boolean> {
  if (serverKey.length !== 32) throw new CryptoInputError("server key must be 32 bytes");
  if (authKey.length !== 32 || verifier.length !== 32) return false;
  const sodium = await getSodium();
  return sodium.memcmp(await hashAuthKey(authKey, serverKey), verifier);
}
