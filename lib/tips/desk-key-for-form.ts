import "server-only";
import { toBase64Url } from "@/lib/crypto";
import { findActiveDeskKey } from "@/lib/db/desk-keys";

export type TDeskKeyForForm =
  | { state: "ready"; publicKey: string }
  /** The database cannot be reached; the key this process last read, if any. */
  | { state: "unavailable"; lastKnownPublicKey: string | null }
  | { state: "not-set-up" };

// The desk's public key as this process last read it. Not a secret; used only to keep the
// form on screen, under a warning, while the database cannot be reached. Nothing another
// instance needs lives here.
let lastKnownPublicKey: string | null = null;

/**
 * The desk public key the reporter's form seals to, for the form page. When the database
 * is unreachable it says so, with the key last read here: a reporter without JavaScript
 * who is between the form and its check step then keeps every word typed (the check step
 * and a failed send show it all back) and can send it once the line is back. Logs the
 * error's class only, never its text.
 */
export async function deskKeyForForm(): Promise<TDeskKeyForForm> {
  try {
    const desk = await findActiveDeskKey();
    if (!desk) return { state: "not-set-up" };
    lastKnownPublicKey = toBase64Url(desk.publicKey);
    return { state: "ready", publicKey: lastKnownPublicKey };
  } catch (error) {
    console.error(`[tip] form unavailable: ${error instanceof Error ? error.name : "unknown error"}`);
    return { state: "unavailable", lastKnownPublicKey };
  }
}
