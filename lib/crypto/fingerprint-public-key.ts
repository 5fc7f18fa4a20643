import { CryptoInputError } from "./errors";
import { getSodium } from "./sodium";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A short fingerprint of a public key for people to compare out of band (on the phone,
 * side by side): BLAKE2b-80 of the key as 16 Crockford base32 characters in groups of
 * four. An admin compares it with the new operator's before sealing the desk key to that
 * key, so a server that swapped in a key of its own would be noticed. Throws
 * CryptoInputError unless the key is 32 bytes.
 */
export async function fingerprintPublicKey(publicKey: Uint8Array): Promise<string> {
  if (publicKey.length !== 32) throw new CryptoInputError("public key must be 32 bytes");
  const sodium = await getSodium();
  const digest = sodium.crypto_generichash(16, publicKey, null).subarray(0, 10);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
  }
  return out.match(/.{4}/g)!.join(" ");
}
