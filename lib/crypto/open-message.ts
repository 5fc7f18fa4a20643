import { bytesToUtf8 } from "./encoding";
import { CryptoInputError, OpenError } from "./errors";
import { unpadFromBucket } from "./padding";
import { isPlausibleSealedMessage, X25519_KEY_BYTES } from "./seal-message";
import { getSodium } from "./sodium";
import type { TKeyPair } from "./types";

/**
 * Opens what `sealMessage` produced: checks length and version byte, opens the
 * sealed box (`crypto_box_seal_open`, X25519 + XSalsa20-Poly1305), removes the
 * padding and decodes UTF-8.
 *
 * Who can decrypt: the holder of `keyPair.privateKey`, the key the text was sealed to.
 *
 * Throws `OpenError`, and nothing else, whatever is wrong with `sealed`: wrong key,
 * any altered, missing or extra byte, unknown version, bad padding, invalid UTF-8.
 * Throws `CryptoInputError` only if `keyPair` itself is malformed (not 32-byte keys).
 */
export async function openMessage(keyPair: TKeyPair, sealed: Uint8Array): Promise<string> {
  if (keyPair.publicKey.length !== X25519_KEY_BYTES || keyPair.privateKey.length !== X25519_KEY_BYTES) {
    throw new CryptoInputError("key pair must hold two 32-byte keys");
  }
  if (!isPlausibleSealedMessage(sealed)) throw new OpenError();
  const sodium = await getSodium();
  try {
    const padded = sodium.crypto_box_seal_open(sealed.subarray(1), keyPair.publicKey, keyPair.privateKey);
    return bytesToUtf8(await unpadFromBucket(padded));
  } catch {
    throw new OpenError();
  }
}
