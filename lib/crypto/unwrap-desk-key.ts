import { CryptoInputError, OpenError } from "./errors";
import { fromSodium, getSodium } from "./sodium";
import type { TKeyPair } from "./types";

/** crypto_box_SEALBYTES (48) + a 32-byte X25519 private key. */
const GRANT_BYTES = 80;

/**
 * Opens an operator's grant (`crypto_box_seal_open`, X25519 + XSalsa20-Poly1305) to
 * recover the desk private key, and checks that it belongs to `deskPublicKey`
 * (`crypto_scalarmult_base`), so a grant for some other key cannot pass for the desk's.
 *
 * Who can decrypt: the operator whose key pair the grant was sealed to, in their browser.
 *
 * Throws `OpenError`, and nothing else, if the grant was sealed to another operator,
 * has any altered, missing or extra byte, or holds a key that is not the desk's.
 * Throws `CryptoInputError` only for a malformed operator key pair or desk public key.
 */
export async function unwrapDeskKey(
  operatorKeyPair: TKeyPair,
  grant: Uint8Array,
  deskPublicKey: Uint8Array,
): Promise<TKeyPair> {
  if (operatorKeyPair.publicKey.length !== 32 || operatorKeyPair.privateKey.length !== 32) {
    throw new CryptoInputError("operator key pair must hold two 32-byte keys");
  }
  if (deskPublicKey.length !== 32) throw new CryptoInputError("desk public key must be 32 bytes");
  if (grant.length !== GRANT_BYTES) throw new OpenError();
  const sodium = await getSodium();
  try {
    const privateKey = sodium.crypto_box_seal_open(grant, operatorKeyPair.publicKey, operatorKeyPair.privateKey);
    if (!sodium.memcmp(sodium.crypto_scalarmult_base(privateKey), deskPublicKey)) {
      sodium.memzero(privateKey);
      throw new OpenError();
    }
    return { publicKey: deskPublicKey.slice(), privateKey: fromSodium(privateKey) };
  } catch {
    throw new OpenError();
  }
}
