import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { verify } from "otplib";
import { RECEIPT_CODE_ALPHABET } from "@/lib/crypto";
import { getServerKey } from "@/lib/server-keys";
import { TOTP_CODE_PATTERN, TOTP_SECRET_PATTERN } from "./validation";

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side, for clocks that drift and codes typed at a step's end. */
const TOTP_TOLERANCE_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;


/**
 * Checks a six-digit code against a TOTP secret, accepting the current step and one either
 * side, but never a step at or before `afterStep` (the last one accepted for this
 * operator): a code seen over someone's shoulder cannot be used again. Resolves with the
 * step the code belongs to, or null.
 */
export async function verifyTotpCode(secret: string, code: string, afterStep: number | null, now: Date = new Date()): Promise<number | null> {
  if (!TOTP_SECRET_PATTERN.test(secret) || !TOTP_CODE_PATTERN.test(code)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token: code, epoch, epochTolerance: TOTP_TOLERANCE_SECONDS });
  if (!result.valid) return null;
  const step = Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta;
  return afterStep !== null && step <= afterStep ? null : step;
}

/** Recovery codes: 16 Crockford base32 characters (80 bits) in four groups, like receipts. */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const random = randomBytes(16);
    // 256 is a multiple of 32, so `byte % 32` is uniform.
    const chars = Array.from(random, (byte) => RECEIPT_CODE_ALPHABET[byte % 32]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** Upper case, without spaces and dashes, with Crockford's look-alikes mapped; null when it is not one. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  if (compact.length !== 16) return null;
  for (const char of compact) if (!RECEIPT_CODE_ALPHABET.includes(char)) return null;
  return compact;
}

/** The keyed hash a recovery code is stored under; a database dump holds no usable code. */
export function hashRecoveryCode(normalised: string): Uint8Array {
  return new Uint8Array(createHmac("sha256", getServerKey("recovery-code")).update(normalised, "utf8").digest());
}
