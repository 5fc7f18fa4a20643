import { utf8ToBytes } from "./encoding";
import { CryptoInputError } from "./errors";
import { PADDING_BUCKETS, padToBucket } from "./padding";
import { getSodium } from "./sodium";

/** First byte of every sealed tip and message: format 1 = version ‖ sealed_box(pad(utf8)). */
export const SEALED_FORMAT_VERSION = 0x01;

/** crypto_box_SEALBYTES: 32-byte ephemeral X25519 public key + 16-byte Poly1305 tag. */
export const SEALED_BOX_OVERHEAD = 48;

/** X25519 public and private keys are both 32 bytes. */
export const X25519_KEY_BYTES = 32;

/**
 * The only lengths a sealed tip or message can have: version byte + sealed-box
 * overhead + one padding bucket (4145, 8241, 16433, 32817, 65585 bytes).
 */
export const SEALED_MESSAGE_LENGTHS: readonly number[] = PADDING_BUCKETS.map(
  (bucket) => 1 + SEALED_BOX_OVERHEAD + bucket,
);

/**
 * Cheap shape check the server can run on a sealed tip or message it cannot read:
 * a known length and the current version byte. `true` does not mean the ciphertext
 * is authentic or openable; only a private-key holder can tell that.
 */
export function isPlausibleSealedMessage(bytes: Uint8Array): boolean {
  return (
    bytes instanceof Uint8Array &&
    SEALED_MESSAGE_LENGTHS.includes(bytes.length) &&
    bytes[0] === SEALED_FORMAT_VERSION
  );
}

/**
 * Seals a UTF-8 text to a public key: padded to a bucket (`padToBucket`), then an
 * anonymous sealed box (`crypto_box_seal`: ephemeral X25519 + XSalsa20-Poly1305),
 * prefixed with the format byte 0x01.
 *
 * Who can decrypt: only the holder of the matching private key. Not the sender (the
 * ephemeral key is discarded), not the server. Anyone who has the public key can seal,
 * so a sealed message proves nothing about who wrote it.
 *
 * Throws `CryptoInputError` if the public key is not 32 bytes or is rejected by
 * libsodium, if the text has a lone surrogate, or if it is longer than the largest
 * bucket allows (65,535 UTF-8 bytes).
 */
export async function sealMessage(publicKey: Uint8Array, text: string): Promise<Uint8Array<ArrayBuffer>> {
  if (publicKey.length !== X25519_KEY_BYTES) throw new CryptoInputError("public key must be 32 bytes");
  const padded = await padToBucket(utf8ToBytes(text));
  const sodium = await getSodium();
  let box: Uint8Array;
  try {
    box = sodium.crypto_box_seal(padded, publicKey);
  } catch {
    throw new CryptoInputError("public key was rejected");
  }
  const sealed = new Uint8Array(1 + box.length);
  sealed[0] = SEALED_FORMAT_VERSION;
  sealed.set(box, 1);
  return sealed;
}
