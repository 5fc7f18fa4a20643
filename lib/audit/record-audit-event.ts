import "server-only";
import { appendAuditEntry } from "@/lib/db/audit-entries";
import { receivedDay } from "@/lib/tips/received-day";
import { hashAuditEntry } from "./hash-audit-entry";

/** Everything the audit log records; some are reserved for features still to come. */
export const AUDIT_ACTIONS = [
  "setup.completed",
  "operator.login",
  // operatorId and subject stay null: never the name that was typed.
  "operator.login-failed",
  "operator.logout",
  // A tip's thread or notes were listed for an operator's browser.
  "tip.opened",
  // subject `${tipId}:${from}->${to}`
  "tip.status-changed",
  "tip.note-added",
  "tip.question-asked",
  // Reserved for the features that will record them.
  "tip.forwarded",
  "tip.exported",
  "operator.invited",
  // An invited operator chose a passphrase (operatorId: the new operator).
  "operator.joined",
  // An admin's browser sealed the desk key to an operator (subject: that operator's id).
  "operator.granted",
  "operator.deactivated",
  // An operator enrolled a second factor (at their first login, or after a reset).
  "operator.second-factor-enrolled",
  // An admin cleared an operator's second factor (subject: that operator's id).
  "operator.second-factor-reset",
  "desk-key.rotated",
  // An admin set the police recipient's public key (subject: the key's id).
  "police-key.set",
  // An operator assigned a tip (subject: the tip's id).
  "tip.assigned",
  "retention.run",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

export type TAuditEvent = { action: TAuditAction; operatorId?: string | null; subject?: string | null };

// Ids are random base64url tokens. A subject is an id, optionally followed by a status move
// (`tipId:received->in_progress`): no spaces, no free text, so nothing a person typed about
// a tip can end up in the log, even by a caller's mistake.
const OPERATOR_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SUBJECT = /^[A-Za-z0-9_-]{1,64}(:[a-z_]{1,32}->[a-z_]{1,32})?$/;

/**
 * Appends an event to the audit log with today's day (UTC, no time), the acting operator's
 * id (null for events without one) and a subject (a tip's or an operator's id, never tip
 * content). The entry is chained to the one before it with a plain SHA-256 hash, so that
 * anyone holding the database can verify the log without a secret; see `hashAuditEntry`
 * for the encoding and for what the chain does and does not prove.
 *
 * Rejects, writing nothing, for an unknown action, an operator id or subject that is not
 * an id (the error names the field, never its value), a failed login that carries either,
 * or a database error.
 */
export async function recordAuditEvent(event: TAuditEvent): Promise<{ seq: number }> {
  const operatorId = event.operatorId ?? null;
  const subject = event.subject ?? null;
  if (!(AUDIT_ACTIONS as readonly string[]).includes(event.action)) throw new Error("audit action is not one of AUDIT_ACTIONS");
  if (operatorId !== null && !OPERATOR_ID.test(operatorId)) throw new Error("audit operatorId is not an id");
  if (subject !== null && !SUBJECT.test(subject)) throw new Error("audit subject is not an id");
  if (event.action === "operator.login-failed" && (operatorId !== null || subject !== null)) {
    throw new Error("a failed login is recorded without operator or subject");
  }
  const { seq } = await appendAuditEntry({ day: receivedDay(), action: event.action, operatorId, subject }, hashAuditEntry);
  return { seq };
}
