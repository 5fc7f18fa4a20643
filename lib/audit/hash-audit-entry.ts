import { createHash } from "node:crypto";
import type { TAuditEntry } from "@/lib/db/audit-entries";

/** The fields of an audit entry that its hash covers: all of them but the hash itself. */
export type TAuditEntryFields = Omit<TAuditEntry, "hash">;

// Bumped, never reused, if the encoding below ever changes.
const DOMAIN = "tipline/audit-entry/v1";

function field(value: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(value.length);
  return Buffer.concat([length, value]);
}

function text(value: string): Buffer {
  return field(Buffer.from(value, "utf8"));
}

function optionalText(value: string | null): Buffer {
  // A tag byte first, so that null and "" encode differently.
  return value === null ? Buffer.from([0x00]) : Buffer.concat([Buffer.from([0x01]), text(value)]);
}

/**
 * The canonical encoding of an entry, in this order:
 *
 *     text("tipline/audit-entry/v1")        domain and version
 *     u64be(seq)                            8 bytes
 *     text(day)                             "YYYY-MM-DD"
 *     text(action)
 *     optionalText(operatorId)
 *     optionalText(subject)
 *     field(prevHash)                       32 bytes
 *
 * where `field(b) = u32be(length of b) || b`, `text(s) = field(UTF-8 of s)`, and
 * `optionalText(null) = 0x00`, `optionalText(s) = 0x01 || text(s)`. Every part is fixed in
 * width or says its own length, and the parts come in a fixed order, so the encoding reads
 * back into exactly one entry: no two different entries encode alike (moving a character
 * from `action` to `subject`, or turning a null into "", changes the bytes).
 */
function encodeAuditEntry(entry: TAuditEntryFields): Buffer {
  if (!Number.isSafeInteger(entry.seq) || entry.seq < 1) throw new RangeError("audit seq must be a positive integer");
  const seq = Buffer.alloc(8);
  seq.writeBigUInt64BE(BigInt(entry.seq));
  return Buffer.concat([
    text(DOMAIN),
    seq,
    text(entry.day),
    text(entry.action),
    optionalText(entry.operatorId),
    optionalText(entry.subject),
    field(entry.prevHash),
  ]);
}

/**
 * An audit entry's hash: SHA-256 over its canonical encoding (above), which includes the
 * previous entry's hash, so each entry vouches for the whole log before it.
 *
 * Deliberately not keyed: anyone holding the database (an auditor, a backup) can verify
 * the chain without a secret. The chain proves order and completeness against someone who
 * edits, inserts or deletes entries in the middle without rewriting every later entry: any
 * such change breaks the chain at the first entry it touches. It does not stop an attacker
 * with write access to the database (a compromised server) from recomputing the chain from
 * the edited entry on, nor from cutting entries off the end; a key on the same server would
 * not stop that attacker either, as it would hold the key. Anchoring the latest hash
 * outside the server (printed, mailed to a second party) is what would close that gap.
 *
 * Throws RangeError for a seq that is not a positive safe integer.
 */
export function hashAuditEntry(entry: TAuditEntryFields): Uint8Array {
  return new Uint8Array(createHash("sha256").update(encodeAuditEntry(entry)).digest());
}
