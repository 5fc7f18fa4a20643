import type { TKeyPair } from "@/lib/crypto";

/**
 * Opens a message sealed to the desk (base64url) with whichever of the tab's desk keys
 * opens it; null when none does. Runs in the operator's browser only.
 */
export async function openForDesk(deskKeys: readonly TKeyPair[], sealed: string): Promise<string | null> {
  const crypto = await import("@/lib/crypto");
  const bytes = crypto.fromBase64Url(sealed);
  for (const pair of deskKeys) {
    const text = await crypto.openMessage(pair, bytes).catch(() => null);
    if (text !== null) return text;
  }
  return null;
}

/** Seals a text to a public key (base64url in, base64url out), in the operator's browser. */
export async function sealFor(publicKey: string, text: string): Promise<string> {
  const crypto = await import("@/lib/crypto");
  return crypto.toBase64Url(await crypto.sealMessage(crypto.fromBase64Url(publicKey), text));
}
