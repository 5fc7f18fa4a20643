import { OpenError } from "./errors";
import { openMessage } from "./open-message";
import type { TKeyPair } from "./types";

/**
 * Opens a tip sealed by `sealTip`: version byte, sealed box (`crypto_box_seal_open`,
 * X25519 + XSalsa20-Poly1305), padding, UTF-8, then `JSON.parse`. Runs in an
 * operator's browser with the desk key unwrapped from their grant.
 *
 * Who can decrypt: holders of the desk private key only.
 *
 * Returns the envelope as `unknown`: validate it (zod) before use; anyone with the
 * desk public key can seal a tip, so its contents are as untrusted as any form post.
 * Throws `OpenError`, and nothing else, on any failure of `sealed`: wrong key,
 * flipped, missing or extra byte, unknown version, bad padding, invalid UTF-8, not
 * JSON. Throws `CryptoInputError` only for a malformed key pair.
 */
export async function openTip(deskKeyPair: TKeyPair, sealed: Uint8Array): Promise<unknown> {
  const json = await openMessage(deskKeyPair, sealed);
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new OpenError();
  }
}
