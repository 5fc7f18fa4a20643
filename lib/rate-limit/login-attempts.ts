import "server-only";
import { createHmac } from "node:crypto";
import { countAttempt, readAttempts, uncountAttempt } from "@/lib/db/rate-limits";
import type { TTrustedDevice } from "@/lib/operators/login-device";
import { getServerKey } from "@/lib/server-keys";

/**
 * Failed logins per operator name, per window: the first few are free, then each answer
 * waits twice as long as the last, and past the lock threshold the name is locked for the
 * rest of the window, right passphrase or not. Counted in the database (all instances
 * share it) under a keyed hash of the name; an online guess costs a full Argon2id in the
 * browser plus these delays. An attempt from a browser the operator logged in from before
 * (a trusted device, lib/operators/login-device.ts) is counted under that device
 * instead, with the same limits: the name's lock does not hold it, and its own lock holds
 * only it. A device's failures are counted over its token's whole lifetime, not per
 * window: once it has used up LOGIN_LIMITS.lockAfter of them it is trusted no more and its
 * attempts count under the name, so a stolen token buys a guesser one lock's worth of
 * guesses in all. Of several trusted devices (the browser's cookie holds the tokens of
 * everyone who uses it, and a copied real one may have been planted before them) the
 * first that has not used up its failures is the one counted.
 */
export const LOGIN_LIMITS = { freeFailures: 3, lockAfter: 8, windowMs: 15 * 60 * 1000, maxDelayMs: 8000 } as const;

export class LoginLockedError extends Error {
  override name = "LoginLockedError";
}

function counterKey(text: string): string {
  return createHmac("sha256", getServerKey("rate-limit")).update(text).digest("base64url");
}

/** A trusted device's counter, for its token's lifetime. */
function deviceCounter(device: TTrustedDevice): { key: string; expiresAt: Date } {
  return { key: counterKey(`login-device\u0000${device.id}`), expiresAt: device.expiresAt };
}

/** The name's counter for the window `now` is in. */
function nameCounter(name: string, now: Date): { key: string; expiresAt: Date } {
  const window = Math.floor(now.getTime() / LOGIN_LIMITS.windowMs);
  const normalised = name.trim().normalize("NFC").toLowerCase();
  return { key: counterKey(`login\u0000${normalised}\u0000${window}`), expiresAt: new Date((window + 1) * LOGIN_LIMITS.windowMs) };
}

/**
 * Before checking a passphrase: counts this attempt as a failure at once, in one atomic
 * statement, and throws LoginLockedError when it is past the lock threshold for the name
 * in this window (or, for a trusted device, for that device in its lifetime); otherwise
 * resolves with the delay to wait before answering, which grows with the attempts counted
 * before this one.
 * Counting first is what holds a burst: attempts sent side by side each get their own
 * count, so no more than LOGIN_LIMITS.lockAfter of them are ever checked in a window.
 * (Reading the count and adding the failure after the check let every attempt of a burst
 * read the same count below the threshold.) `succeeded()` takes the attempt back when it
 * turns out not to be a failure: a login, or the right passphrase of an operator who must
 * still enrol a second factor.
 */
export async function admitLoginAttempt(
  name: string,
  now: Date = new Date(),
  devices: readonly TTrustedDevice[] = [],
): Promise<{ delayMs: number; succeeded: () => Promise<void> }> {
  // A device that has used up its failures counts as none (checked before counting, so
  // that its own lock never holds the operator's browser longer than the name's would).
  let chosen: { key: string; expiresAt: Date } | null = null;
  for (const device of devices) {
    const ofDevice = deviceCounter(device);
    if ((await readAttempts(ofDevice.key, now)) < LOGIN_LIMITS.lockAfter) {
      chosen = ofDevice;
      break;
    }
  }
  const { key, expiresAt } = chosen ?? nameCounter(name, now);
  const count = await countAttempt(key, expiresAt);
  if (count > LOGIN_LIMITS.lockAfter) throw new LoginLockedError("too many failed logins");
  const past = count - 1 - LOGIN_LIMITS.freeFailures;
  return { delayMs: past < 0 ? 0 : Math.min(500 * 2 ** past, LOGIN_LIMITS.maxDelayMs), succeeded: () => uncountAttempt(key) };
}
