import { CryptoInputError } from "./errors";
import { isPlausibleSealedMessage, SEALED_MESSAGE_LENGTHS, sealMessage } from "./seal-message";

/**
 * The only lengths a sealed tip can have: 1 version byte + 48 bytes of sealed-box
 * overhead + one padding bucket (4145, 8241, 16433, 32817, 65585 bytes).
 */
export const SEALED_TIP_LENGTHS: readonly number[] = SEALED_MESSAGE_LENGTHS;

/**
 * Lets the server reject garbage without being able to read anything: `true` when
 * `bytes` has one of `SEALED_TIP_LENGTHS` and starts with the version byte 0x01.
 * It does not prove the tip is authentic or openable; only the desk key can tell.
 */
export function isPlausibleSealedTip(bytes: Uint8Array): boolean {
  return isPlausibleSealedMessage(bytes);
}

/**
 * Seals a tip for the desk: `JSON.stringify` → UTF-8 → padded to a bucket
 * (`padToBucket`) → anonymous sealed box (`crypto_box_seal`: ephemeral X25519 +
 * XSalsa20-Poly1305) → prefixed with the format byte 0x01. Runs in the reporter's
 * browser, or in the server action for one request when JavaScript is off.
 *
 * Who can decrypt: only holders of the desk private key, i.e. operators, in their
 * own browsers. Not the reporter afterwards, not the server.
 *
 * Throws `CryptoInputError` if the envelope cannot be serialised to JSON (undefined,
 * a function, a BigInt, a cycle), if it is larger than 65,535 bytes as JSON, or if
 * the desk public key is not a valid 32-byte key.
 */
export async function sealTip(deskPublicKey: Uint8Array, envelope: unknown): Promise<Uint8Array<ArrayBuffer>> {
  let json: string | undefined;
  try {
    json = JSON.stringify(envelope);
  } catch {
    throw new CryptoInputError("tip envelope cannot be serialised to JSON");
  }
  if (json === undefined) throw new CryptoInputError("tip envelope cannot be serialised to JSON");
  return sealMessage(deskPublicKey, json);
}
