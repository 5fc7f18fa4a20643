import { CryptoInputError } from "./errors";
import { fromSodium, getSodium } from "./sodium";

/**
 * Hashes a reporter's lookup token for storage: keyed BLAKE2b-256
 * (`crypto_generichash` with a 32-byte server key). The database stores only this,
 * so a dump of it alone cannot even test a guessed receipt code; that also needs the
 * server key, which lives in the environment, not the database.
 *
 * One-way: nobody recovers the token or the code from it. Deterministic, so the server
 * finds a record by recomputing it. Use a server key meant for this purpose alone.
 * Throws `CryptoInputError` unless both arguments are 32 bytes.
 */
export async function hashLookupToken(lookupToken: Uint8Array, serverKey: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (lookupToken.length !== 32) throw new CryptoInputError("lookup token must be 32 bytes");
  if (serverKey.length !== 32) throw new CryptoInputError("server key must be 32 bytes");
  const sodium = await getSodium();
  return fromSodium(sodium.crypto_generichash(32, lookupToken, serverKey));
}
