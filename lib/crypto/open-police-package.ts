import { bytesToUtf8 } from "./encoding";
import { CryptoInputError, OpenError } from "./errors";
import { isPlausiblePolicePackage } from "./seal-police-package";
import { X25519_KEY_BYTES } from "./seal-message";
import { getSodium } from "./sodium";
import type { TKeyPair } from "./types";

/**
 * Opens what `sealPolicePackage` produced, on the police side (`npm run police:open`):
 * version byte, sealed box (`crypto_box_seal_open`), length prefix, UTF-8, `JSON.parse`.
 * Returns the report as `unknown`: validate it before use.
 *
 * Who can decrypt: the holder of the police private key.
 *
 * Throws `OpenError`, and nothing else, for any fault of `sealed`: wrong key, any altered,
 * missing or extra byte, unknown version, a length prefix past the end, padding that is
 * not zeros, invalid UTF-8, not JSON. Throws `CryptoInputError` for a malformed key pair.
 */
export async function openPolicePackage(policeKeyPair: TKeyPair, sealed: Uint8Array): Promise<unknown> {
  if (policeKeyPair.publicKey.length !== X25519_KEY_BYTES || policeKeyPair.privateKey.length !== X25519_KEY_BYTES) {
    throw new CryptoInputError("key pair must hold two 32-byte keys");
  }
  if (!isPlausiblePolicePackage(sealed)) throw new OpenError();
  const sodium = await getSodium();
  try {
    const padded = sodium.crypto_box_seal_open(sealed.subarray(1), policeKeyPair.publicKey, policeKeyPair.privateKey);
    const length = new DataView(padded.buffer, padded.byteOffset, padded.byteLength).getUint32(0);
    if (4 + length > padded.length) throw new OpenError();
    if (padded.subarray(4 + length).some((byte) => byte !== 0)) throw new OpenError();
    return JSON.parse(bytesToUtf8(padded.subarray(4, 4 + length))) as unknown;
  } catch {
    throw new OpenError();
  }
}
