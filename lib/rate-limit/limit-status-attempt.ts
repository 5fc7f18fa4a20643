import "server-only";
import { createHmac } from "node:crypto";
import { countAttempt, deleteExpiredCounters } from "@/lib/db/rate-limits";
import { getServerKey } from "@/lib/server-keys";

/**
 * Limits for anonymous status checks and answers, per window: per coarse address bucket
 * and for everyone together. A receipt code has 80 bits, so these limits are not what
 * keeps codes safe; they keep guessing floods from costing the server (the no-JS path
 * runs Argon2id) and from crowding out real reporters.
 */
export const STATUS_LIMITS = { perBucket: 12, global: 3000, windowMs: 10 * 60 * 1000, freeAttempts: 3, maxDelayMs: 8000 } as const;

export type TLimitDecision = { allowed: boolean; delayMs: number };

function counterKey(scope: string, bucket: string, window: number): string {
  return createHmac("sha256", getServerKey("rate-limit")).update(`${scope}\u0000${bucket}\u0000${window}`).digest("base64url");
}

/**
 * Counts one attempt from `bucket` (see coarseAddressBucket) and decides: refused once the
 * bucket or everyone together is over the window's limit; otherwise allowed, after a delay
 * that doubles with every attempt past the free ones. Counters live in the database (all
 * instances share them) under keyed hashes; no address is stored.
 */
export async function limitStatusAttempt(bucket: string, now: Date = new Date()): Promise<TLimitDecision> {
  const window = Math.floor(now.getTime() / STATUS_LIMITS.windowMs);
  const expiresAt = new Date((window + 1) * STATUS_LIMITS.windowMs);
  const own = await countAttempt(counterKey("status", bucket, window), expiresAt);
  if (own === 1) await deleteExpiredCounters(now);
  // A bucket over its own limit no longer counts towards everyone's: one client alone
  // cannot use up the global allowance and lock real reporters out.
  if (own > STATUS_LIMITS.perBucket) return { allowed: false, delayMs: 0 };
  const everyone = await countAttempt(counterKey("status", "*", window), expiresAt);
  if (everyone > STATUS_LIMITS.global) return { allowed: false, delayMs: 0 };
  const past = own - STATUS_LIMITS.freeAttempts;
  return { allowed: true, delayMs: past <= 0 ? 0 : Math.min(500 * 2 ** (past - 1), STATUS_LIMITS.maxDelayMs) };
}
