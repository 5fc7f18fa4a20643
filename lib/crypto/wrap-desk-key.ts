import { CryptoInputError } from "./errors";
import { fromSodium, getSodium } from "./sodium";

/**
 * Makes a "grant": the desk private key sealed to one operator's public key
 * (`crypto_box_seal`: ephemeral X25519 + XSalsa20-Poly1305), 80 bytes = 48 overhead +
 * 32-byte key. Runs in the browser of an operator who already holds the desk key; the
 * server stores one grant per operator.
 *
 * Who can decrypt: only the operator whose private key matches `operatorPublicKey`.
 * Not the granting operator afterwards, not the server. Note that a server could hand
 * the granting browser its own public key in place of the new operator's: check
 * the operator's public key out of band (fingerprint) when that matters.
 *
 * Throws `CryptoInputError` unless both keys are 32 bytes and the public key is
 * accepted by libsodium.
 */
export async function wrapDeskKey(operatorPublicKey: Uint8Array, deskPrivateKey: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (operatorPublicKey.length !== 32) throw new CryptoInputError("operator public key must be 32 bytes");
  if (deskPrivateKey.length !== 32) throw new CryptoInputError("desk private key must be 32 bytes");
  const sodium = await getSodium();
  try {
    return fromSodium(sodium.crypto_box_seal(deskPrivateKey, operatorPublicKey));
  } catch {
    throw new CryptoInputError("operator public key was rejected");
  }
}
