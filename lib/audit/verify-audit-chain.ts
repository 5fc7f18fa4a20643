import "server-only";
import { GENESIS_PREV_HASH, listAuditEntries } from "@/lib/db/audit-entries";
import { hashAuditEntry } from "./hash-audit-entry";

export type TAuditChainReport =
  | { ok: true; entries: number }
  | { ok: false; brokenAt: number; reason: "hash-mismatch" | "prev-hash-mismatch" | "gap" };

const PAGE = 500;

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/**
 * Walks the audit log in seq order and names the FIRST entry that breaks the chain:
 * - `gap`: the numbering breaks at `brokenAt` (seq must run 1, 2, 3, … without holes), so
 *   an entry deleted from the middle, or renumbered, is named by its own number;
 * - `prev-hash-mismatch`: entry `brokenAt` does not carry the previous entry's hash (32
 *   zero bytes for the first);
 * - `hash-mismatch`: entry `brokenAt`'s stored hash is not the hash of its fields.
 * An edited field of entry k is therefore reported at k. An entry edited and re-hashed is
 * reported at k + 1, whose prevHash no longer matches. Entries cut off the end, or a chain
 * rewritten from the edit onwards, cannot be seen from the log alone (see `hashAuditEntry`).
 *
 * Reads the log page by page; rejects when the database cannot be read.
 */
export async function verifyAuditChain(): Promise<TAuditChainReport> {
  let expected = 1;
  let prevHash = GENESIS_PREV_HASH;
  // From the very start, not from 1: a row numbered 0 or below is a break too.
  let after: number | null = null;
  for (;;) {
    const page = await listAuditEntries(after, PAGE);
    for (const entry of page) {
      // A hole (5 deleted: 4, 6) breaks at the missing number; a row slipped in before the
      // first entry breaks at its own.
      if (entry.seq !== expected) return { ok: false, brokenAt: Math.min(entry.seq, expected), reason: "gap" };
      if (!equalBytes(entry.prevHash, prevHash)) return { ok: false, brokenAt: entry.seq, reason: "prev-hash-mismatch" };
      if (!equalBytes(hashAuditEntry(entry), entry.hash)) return { ok: false, brokenAt: entry.seq, reason: "hash-mismatch" };
      prevHash = entry.hash;
      after = entry.seq;
      expected++;
    }
    if (page.length < PAGE) return { ok: true, entries: expected - 1 };
  }
}
