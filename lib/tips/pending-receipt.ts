import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getServerKey } from "@/lib/server-keys";

const LIFETIME_MS = 6 * 60 * 60 * 1000;

/**
 * The no-JavaScript path chooses the receipt code when it shows the tip back, and carries
 * it to the send step inside the form, encrypted (AES-256-GCM) under a server key: the
 * page holds no readable code, and a reload that posts "send" again reuses the same code,
 * so the tip is stored once. The token expires after six hours.
 */
export function sealPendingReceipt(code: string, now: number = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", getServerKey("pending-receipt"), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ code, until: now + LIFETIME_MS }), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The code inside a pending-receipt token; null when it is forged, altered or expired. */
export function openPendingReceipt(token: unknown, now: number = Date.now()): string | null {
  if (typeof token !== "string" || token.length > 200) return null;
  try {
    const raw = Buffer.from(token, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", getServerKey("pending-receipt"), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const { code, until } = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8")) as { code: unknown; until: unknown };
    return typeof code === "string" && typeof until === "number" && until > now ? code : null;
  } catch {
    return null;
  }
}
