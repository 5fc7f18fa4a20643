import { getSodium } from "./sodium";

/**
 * Loads libsodium ahead of need (the browser fetches its ~180 KiB chunk), so that sealing
 * does not wait for it. Nothing is derived or decrypted. Resolves false, never rejects,
 * when WebAssembly is unavailable: the caller then uses the server-side path.
 */
export async function prepareCrypto(): Promise<boolean> {
  try {
    await getSodium();
    return true;
  } catch {
    return false;
  }
}
