import { CryptoInputError } from "./errors";
import { fromSodium, getSodium } from "./sodium";

/**
 * The only sizes a padded plaintext can have. Every tip or message is padded to the
 * smallest bucket that fits, so its ciphertext length says which bucket it is in and
 * nothing finer: a tip with one short field and a tip with every field filled look
 * the same to the server. Changing this list changes stored formats: see the tests.
 */
export const PADDING_BUCKETS = [4096, 8192, 16384, 32768, 65536] as const;

/** The largest plaintext that can be padded: one byte is always taken by the 0x80 marker. */
export const MAX_PADDED_PLAINTEXT_BYTES = PADDING_BUCKETS[PADDING_BUCKETS.length - 1]! - 1;

/**
 * Pads bytes to the smallest bucket of `PADDING_BUCKETS` that holds them plus one
 * marker byte, ISO/IEC 7816-4 style (`sodium_pad`): the bytes, then 0x80, then zeros.
 * Nothing is encrypted here; the result goes into a sealed box.
 * Throws `CryptoInputError` if the bytes do not fit the largest bucket.
 */
export async function padToBucket(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const bucket = PADDING_BUCKETS.find((size) => bytes.length + 1 <= size);
  if (bucket === undefined) {
    throw new CryptoInputError(`plaintext is larger than ${MAX_PADDED_PLAINTEXT_BYTES} bytes`);
  }
  const sodium = await getSodium();
  return fromSodium(sodium.pad(bytes, bucket));
}

/**
 * Removes the padding `padToBucket` added (`sodium_unpad`, constant time over the
 * bucket). The input must be exactly one bucket long. A plaintext padded to a larger
 * bucket than it needed is accepted, so that adding a smaller bucket later would not
 * orphan what was sealed before. Throws `CryptoInputError` on a length that is not a
 * bucket or on padding that is not 0x80 followed by zeros.
 */
export async function unpadFromBucket(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const bucket = PADDING_BUCKETS.find((size) => size === bytes.length);
  if (bucket === undefined) throw new CryptoInputError("padded plaintext is not one bucket long");
  const sodium = await getSodium();
  try {
    return fromSodium(sodium.unpad(bytes, bucket));
  } catch {
    throw new CryptoInputError("padding is malformed");
  }
}
