import "server-only";
import { createHmac } from "node:crypto";
import { countAttempt, readAttempts } from "@/lib/db/rate-limits";
import { getServerKey } from "@/lib/server-keys";

/**
 * Failed logins per operator name, per window: the first few are free, then each answer
 * waits twice as long as the last, and past the lock threshold the name is locked for the
 * rest of the window, right passphrase or not. Counted in the database (all instances
 * share it) under a keyed hash of the name; an online guess costs a full Argon2id in the
 * browser plus these delays. An attempt from a browser the operator logged in from before
 * (a trusted device id, lib/operators/login-device.ts) is counted under that device
 * instead, with the same limits: the name's lock does not hold it, and its own lock holds
 * only it.
 */
export const LOGIN_LIMITS = { freeFailures: 3, lockAfter: 8, windowMs: 15 * 60 * 1000, maxDelayMs: 8000 } as const;

export class LoginLockedError extends Error {
  override name = "LoginLockedError";
}

function key(name: string, now: Date, deviceId: string | null): { key: string; expiresAt: Date } {
  const window = Math.floor(now.getTime() / LOGIN_LIMITS.windowMs);
  const normalised = name.trim().normalize("NFC").toLowerCase();
  const counted = deviceId === null ? `login\u0000${normalised}` : `login-device\u0000${deviceId}`;
  return {
    key: createHmac("sha256", getServerKey("rate-limit")).update(`${counted}\u0000${window}`).digest("base64url"),
    expiresAt: new Date((window + 1) * LOGIN_LIMITS.windowMs),
  };
}

/**
 * Before checking a passphrase: throws LoginLockedError when the name (or, for a trusted
 * device, that device) has failed too often in this window; otherwise resolves with the
 * delay to wait before answering.
 */
export async function admitLoginAttempt(name: string, now: Date = new Date(), deviceId: string | null = null): Promise<{ delayMs: number }> {
  const failures = await readAttempts(key(name, now, deviceId).key, now);
  if (failures >= LOGIN_LIMITS.lockAfter) throw new LoginLockedError("too many failed logins");
  const past = failures - LOGIN_LIMITS.freeFailures;
  return { delayMs: past < 0 ? 0 : Math.min(500 * 2 ** past, LOGIN_LIMITS.maxDelayMs) };
}

/** Counts one failed login for `name` (or the trusted device) in this window. */
export async function recordLoginFailure(name: string, now: Date = new Date(), deviceId: string | null = null): Promise<void> {
  const { key: counter, expiresAt } = key(name, now, deviceId);
  await countAttempt(counter, expiresAt);
}
