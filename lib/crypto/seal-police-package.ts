import { utf8ToBytes } from "./encoding";
import { CryptoInputError } from "./errors";
import { X25519_KEY_BYTES } from "./seal-message";
import { fromSodium, getSodium } from "./sodium";

/** First byte of a sealed police package: format 2 = version ‖ sealed_box(length ‖ utf8 ‖ zeros). */
export const POLICE_PACKAGE_FORMAT_VERSION = 0x02;
/** Packages are padded to a multiple of this, so their size tells little about the report. */
export const POLICE_PACKAGE_BLOCK_BYTES = 16 * 1024;
/**
 * A report with every field of the largest tip, twice (fields and document), fits; the
 * sealed package, base64url-encoded, stays under the server actions' 512 KiB body limit
 * (lib/body-limit.ts).
 */
export const MAX_POLICE_PACKAGE_BYTES = 256 * 1024;

/**
 * Seals a forwarded report for the police: `JSON.stringify` → UTF-8 → a 4-byte big-endian
 * length, the text and zeros up to a multiple of 16 KiB → anonymous sealed box
 * (`crypto_box_seal`, ephemeral X25519 + XSalsa20-Poly1305) → prefixed with the format
 * byte 0x02. Runs in the forwarding operator's browser, after the redaction step.
 *
 * Who can decrypt: only the holder of the police private key (`npm run police:open`). Not
 * the operator afterwards, not the desk key, not the server that keeps it in the outbox.
 *
 * Throws `CryptoInputError` if the report cannot be serialised to JSON, is larger than
 * 1 MiB as JSON, or the police public key is not a valid 32-byte key.
 */
export async function sealPolicePackage(policePublicKey: Uint8Array, report: unknown): Promise<Uint8Array<ArrayBuffer>> {
  if (policePublicKey.length !== X25519_KEY_BYTES) throw new CryptoInputError("police public key must be 32 bytes");
  let json: string | undefined;
  try {
    json = JSON.stringify(report);
  } catch {
    throw new CryptoInputError("police report cannot be serialised to JSON");
  }
  if (json === undefined) throw new CryptoInputError("police report cannot be serialised to JSON");
  const text = utf8ToBytes(json);
  if (text.length > MAX_POLICE_PACKAGE_BYTES) throw new CryptoInputError(`police report is larger than ${MAX_POLICE_PACKAGE_BYTES} bytes`);
  const padded = new Uint8Array(Math.ceil((4 + text.length) / POLICE_PACKAGE_BLOCK_BYTES) * POLICE_PACKAGE_BLOCK_BYTES);
  new DataView(padded.buffer).setUint32(0, text.length);
  padded.set(text, 4);
  const sodium = await getSodium();
  let box: Uint8Array;
  try {
    box = sodium.crypto_box_seal(padded, policePublicKey);
  } catch {
    throw new CryptoInputError("police public key was rejected");
  } finally {
    padded.fill(0);
  }
  const sealed = new Uint8Array(1 + box.length);
  sealed[0] = POLICE_PACKAGE_FORMAT_VERSION;
  sealed.set(box, 1);
  return fromSodium(sealed);
}

/** The server's shape check on a package it cannot read: version byte and a whole number of blocks. */
export function isPlausiblePolicePackage(bytes: Uint8Array): boolean {
  const body = bytes.length - 1 - 48;
  return bytes instanceof Uint8Array && bytes[0] === POLICE_PACKAGE_FORMAT_VERSION && body > 0 && body % POLICE_PACKAGE_BLOCK_BYTES === 0 && body <= MAX_POLICE_PACKAGE_BYTES + POLICE_PACKAGE_BLOCK_BYTES;
}
