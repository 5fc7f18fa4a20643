"use server";

import { cookies, headers } from "next/headers";
import { recordAuditEvent, type TAuditEvent } from "@/lib/audit/record-audit-event";
import { fromBase64Url, toBase64Url } from "@/lib/crypto";
import { countUnreadByTip, listMessages, markReporterMessagesRead } from "@/lib/db/messages";
import { listTips } from "@/lib/db/tips";
import { listNotes } from "@/lib/db/notes";
import { findOperatorCredentials } from "@/lib/db/operators";
import { askReporterQuestion } from "@/lib/follow-up/ask-reporter-question";
import { addTipNote } from "@/lib/triage/add-tip-note";
import { changeTipStatus } from "@/lib/triage/change-tip-status";
import { completeFirstRunSetup } from "@/lib/operators/complete-first-run-setup";
import { getLoginSalt } from "@/lib/operators/get-login-salt";
import { endOperatorSession, getOperatorSession, SESSION_COOKIE } from "@/lib/operators/get-operator-session";
import { logInOperator, SESSION_LIFETIME_MS } from "@/lib/operators/log-in-operator";
import { LoginLockedError } from "@/lib/rate-limit/login-attempts";
import { acceptInvitation } from "@/lib/operators/accept-invitation";
import { inviteOperator } from "@/lib/operators/invite-operator";
import { ZAcceptInvitation, ZFirstRunSetup, ZGrantAccess, ZLogin, ZOperatorName } from "@/lib/operators/validation";
import { deactivateOperator, insertDeskKeyGrant, listTeam } from "@/lib/db/team";
import { getEnv } from "@/lib/env";

type TResult<T> = ({ ok: true } & T) | { ok: false; error: string };

function logFailure(action: string, error: unknown) {
  // The action's name and the error's class only: never its input.
  console.error(`[operator] ${action} failed: ${error instanceof Error ? error.name : "unknown error"}`);
}

// Audit entries and failures, one rule throughout:
// - Nothing sealed leaves the server, and no session starts, without its entry: logins and
//   tip.opened are recorded first, and a failed audit write fails the request.
// - A change that has already been committed (setup, a status, a note, a question) is
//   recorded right after it in the same request. If that write fails, the change stands and
//   the operator is told the truth about it (a retry would only duplicate a note or hit
//   "status changed"); the missing entry is logged, by action name and error class only.
/** Records an entry after a committed change; a failure is logged, never thrown. */
async function recordAfterChange(event: TAuditEvent) {
  try {
    await recordAuditEvent(event);
  } catch (error) {
    logFailure(`audit ${event.action}`, error);
  }
}

/** First-run setup: stores what the browser generated. */
export async function completeSetupAction(input: unknown): Promise<TResult<object>> {
  const parsed = ZFirstRunSetup.safeParse(input);
  if (!parsed.success) {
    // Operators get the precise reason when it is theirs to fix (the name); anything else
    // came from the browser's key generation and is reported as a whole.
    const nameIssue = parsed.error.issues.find((issue) => issue.path[0] === "name");
    return { ok: false, error: nameIssue?.message.startsWith("errors.") ? nameIssue.message : "errors.setupInvalid" };
  }
  try {
    if (!(await completeFirstRunSetup(parsed.data))) return { ok: false, error: "errors.setupTokenInvalid" };
    // The new admin's id, looked up by the name just stored; a failed lookup costs the entry
    // its operator, not the setup.
    const admin = await findOperatorCredentials(parsed.data.name).catch(() => null);
    await recordAfterChange({ action: "setup.completed", operatorId: admin?.id ?? null });
    return { ok: true };
  } catch (error) {
    logFailure("setup", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** The Argon2id salt for a name (a stable fake one for unknown names). */
export async function getLoginSaltAction(name: unknown): Promise<TResult<{ salt: string }>> {
  const parsed = ZOperatorName.safeParse(name);
  if (!parsed.success) return { ok: false, error: "errors.loginFailed" };
  try {
    return { ok: true, salt: toBase64Url(await getLoginSalt(parsed.data)) };
  } catch (error) {
    logFailure("login salt", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

export type TKeyMaterial = {
  name: string;
  role: string;
  kdfSalt: string;
  publicKey: string;
  wrappedPrivateKey: string;
  grants: { deskKeyId: string; deskPublicKey: string; sealed: string; active: boolean }[];
};

/** Logs in with the auth key derived in the browser; sets the session cookie. */
export async function logInAction(input: unknown): Promise<TResult<{ keys: TKeyMaterial }>> {
  const parsed = ZLogin.safeParse(input);
  if (!parsed.success) return { ok: false, error: "errors.loginFailed" };
  try {
    const result = await logInOperator(parsed.data);
    if (!result) {
      // Without the typed name: it may be a colleague's, or a passphrase typed in the wrong box.
      await recordAfterChange({ action: "operator.login-failed" });
      return { ok: false, error: "errors.loginFailed" };
    }
    // The session token is handed out only once the login is on record; without it the new
    // session row stays unused until it expires.
    await recordAuditEvent({ action: "operator.login", operatorId: result.keys.id });
    (await cookies()).set(SESSION_COOKIE, result.sessionToken, {
      httpOnly: true,
      secure: true,
      sameSite: "strict",
      path: "/operator",
      maxAge: SESSION_LIFETIME_MS / 1000,
    });
    const { keys } = result;
    return {
      ok: true,
      keys: {
        name: keys.name,
        role: keys.role,
        kdfSalt: toBase64Url(keys.kdfSalt),
        publicKey: toBase64Url(keys.publicKey),
        wrappedPrivateKey: toBase64Url(keys.wrappedPrivateKey),
        grants: keys.grants.map((grant) => ({
          deskKeyId: grant.deskKeyId,
          deskPublicKey: toBase64Url(grant.deskPublicKey),
          sealed: toBase64Url(grant.sealed),
          active: grant.active,
        })),
      },
    };
  } catch (error) {
    if (error instanceof LoginLockedError) {
      await recordAfterChange({ action: "operator.login-failed" });
      return { ok: false, error: "errors.loginLocked" };
    }
    logFailure("login", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** Ends the session; the browser wipes its unwrapped keys itself. */
export async function logOutAction(): Promise<TResult<object>> {
  const jar = await cookies();
  // The cookie goes whatever happens to the session row.
  try {
    const token = jar.get(SESSION_COOKIE)?.value;
    // Whose session it was, for the entry; failing to find out must not keep the session alive.
    const operator = await getOperatorSession(token).catch((error: unknown) => {
      logFailure("logout", error);
      return null;
    });
    await endOperatorSession(token);
    if (operator) await recordAfterChange({ action: "operator.logout", operatorId: operator.operatorId });
  } catch (error) {
    logFailure("logout", error);
  }
  jar.delete({ name: SESSION_COOKIE, path: "/operator" });
  return { ok: true };
}

/** The logged-in operator behind this request's session cookie, or null. */
async function currentOperator() {
  return getOperatorSession((await cookies()).get(SESSION_COOKIE)?.value);
}

/** Tip ids are random base64url tokens; anything else is not looked up (nor put on record). */
function isTipId(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,43}$/.test(value);
}

export type TSealedTipRow = { id: string; sealed: string; status: string; receivedOn: string; unread: number };

/** Every tip, sealed, for a logged-in operator's browser to open, with unread reporter messages. */
export async function listTipsAction(): Promise<TResult<{ tips: TSealedTipRow[] }>> {
  try {
    if (!(await currentOperator())) return { ok: false, error: "errors.notLoggedIn" };
    const [tips, unread] = await Promise.all([listTips(), countUnreadByTip()]);
    return { ok: true, tips: tips.map((tip) => ({ ...tip, sealed: toBase64Url(tip.sealed), unread: unread.get(tip.id) ?? 0 })) };
  } catch (error) {
    logFailure("list", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

export type TSealedMessage = { id: string; author: "desk" | "reporter"; createdOn: string; sealedForDesk: string };

/** A tip's conversation, sealed to the desk; opening it marks the reporter's messages read. */
export async function openThreadAction(tipId: unknown): Promise<TResult<{ messages: TSealedMessage[] }>> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  if (!isTipId(tipId)) return { ok: false, error: "errors.unexpected" };
  try {
    const messages = await listMessages(tipId);
    await recordAuditEvent({ action: "tip.opened", operatorId: operator.operatorId, subject: tipId });
    await markReporterMessagesRead(tipId);
    return {
      ok: true,
      messages: messages.map((message) => ({ id: message.id, author: message.author, createdOn: message.createdOn, sealedForDesk: toBase64Url(message.sealedForDesk) })),
    };
  } catch (error) {
    logFailure("thread", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** Adds a question, sealed in the operator's browser to the reporter and to the desk. */
export async function askQuestionAction(input: unknown): Promise<TResult<object>> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  const { tipId, sealedForReporter, sealedForDesk } = (input ?? {}) as Record<string, unknown>;
  if (typeof tipId !== "string" || typeof sealedForReporter !== "string" || typeof sealedForDesk !== "string") return { ok: false, error: "errors.unexpected" };
  if (sealedForReporter.length > 100_000 || sealedForDesk.length > 100_000) return { ok: false, error: "errors.unexpected" };
  try {
    const stored = await askReporterQuestion({ tipId, sealedForReporter: fromBase64Url(sealedForReporter), sealedForDesk: fromBase64Url(sealedForDesk) });
    if (!stored) return { ok: false, error: "errors.notSent" };
    await recordAfterChange({ action: "tip.question-asked", operatorId: operator.operatorId, subject: tipId });
    return { ok: true };
  } catch (error) {
    logFailure("ask", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

export type TSealedNote = { id: string; kind: "note" | "close-reason"; createdOn: string; sealed: string };

/** A tip's internal notes, sealed to the desk. */
export async function listNotesAction(tipId: unknown): Promise<TResult<{ notes: TSealedNote[] }>> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  if (!isTipId(tipId)) return { ok: false, error: "errors.unexpected" };
  try {
    const notes = await listNotes(tipId);
    await recordAuditEvent({ action: "tip.opened", operatorId: operator.operatorId, subject: tipId });
    return { ok: true, notes: notes.map((note) => ({ id: note.id, kind: note.kind, createdOn: note.createdOn, sealed: toBase64Url(note.sealed) })) };
  } catch (error) {
    logFailure("notes", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** Adds an internal note sealed to the desk in the operator's browser. */
export async function addNoteAction(input: unknown): Promise<TResult<object>> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  const { tipId, sealed } = (input ?? {}) as Record<string, unknown>;
  if (typeof tipId !== "string" || typeof sealed !== "string" || sealed.length > 100_000) return { ok: false, error: "errors.unexpected" };
  try {
    if (!(await addTipNote({ tipId, sealed: fromBase64Url(sealed) }))) return { ok: false, error: "errors.notSent" };
    await recordAfterChange({ action: "tip.note-added", operatorId: operator.operatorId, subject: tipId });
    return { ok: true };
  } catch (error) {
    logFailure("note", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** Moves a tip along the status workflow; closing carries a reason sealed to the desk. */
export async function changeStatusAction(input: unknown): Promise<TResult<object>> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  const { tipId, from, to, sealedReason } = (input ?? {}) as Record<string, unknown>;
  if (typeof tipId !== "string" || tipId.length > 64) return { ok: false, error: "errors.unexpected" };
  if (sealedReason !== undefined && (typeof sealedReason !== "string" || sealedReason.length > 100_000)) return { ok: false, error: "errors.unexpected" };
  try {
    const result = await changeTipStatus({ tipId, from, to, sealedReason: typeof sealedReason === "string" ? fromBase64Url(sealedReason) : undefined });
    if (!result.ok) return { ok: false, error: result.error };
    // from and to are statuses now: changeTipStatus refuses anything else.
    await recordAfterChange({ action: "tip.status-changed", operatorId: operator.operatorId, subject: `${tipId}:${String(from)}->${String(to)}` });
    return { ok: true };
  } catch (error) {
    logFailure("status", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/**
 * The logged-in operator when they are an admin. Without a session: errors.notLoggedIn,
 * like every operator action; logged in without the admin role: errors.notAllowed.
 */
async function requireAdmin(): Promise<{ ok: true; operatorId: string } | { ok: false; error: "errors.notLoggedIn" | "errors.notAllowed" }> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  return operator.role === "admin" ? { ok: true, operatorId: operator.operatorId } : { ok: false, error: "errors.notAllowed" };
}

/** An admin creates a one-time invitation link (valid seven days). */
export async function inviteOperatorAction(): Promise<TResult<{ link: string }>> {
  const admin = await requireAdmin();
  if (!admin.ok) return admin;
  try {
    const requestHeaders = await headers();
    const origin = getEnv().TIPLINE_PUBLIC_ORIGIN ?? `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host")}`;
    const link = await inviteOperator(origin);
    await recordAfterChange({ action: "operator.invited", operatorId: admin.operatorId });
    return { ok: true, link };
  } catch (error) {
    logFailure("invite", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** An invited operator's browser sends its new keys; no session needed, the invitation token is the proof. */
export async function acceptInvitationAction(input: unknown): Promise<TResult<object>> {
  const parsed = ZAcceptInvitation.safeParse(input);
  if (!parsed.success) {
    const nameIssue = parsed.error.issues.find((issue) => issue.path[0] === "name");
    return { ok: false, error: nameIssue?.message.startsWith("errors.") ? nameIssue.message : "errors.invitationInvalid" };
  }
  try {
    const result = await acceptInvitation(parsed.data);
    if (!result.ok) return result;
    await recordAfterChange({ action: "operator.joined", operatorId: result.operatorId });
    return { ok: true };
  } catch (error) {
    logFailure("accept invitation", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

export type TTeamMemberView = { id: string; name: string; role: string; active: boolean; publicKey: string; hasActiveGrant: boolean; isYou: boolean };

/** The team, for an admin: who is active and who still waits for the desk key. */
export async function listTeamAction(): Promise<TResult<{ members: TTeamMemberView[] }>> {
  const admin = await requireAdmin();
  if (!admin.ok) return admin;
  try {
    const members = await listTeam();
    return {
      ok: true,
      members: members.map((member) => ({ ...member, publicKey: toBase64Url(member.publicKey), isYou: member.id === admin.operatorId })),
    };
  } catch (error) {
    logFailure("team", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** An admin's browser seals the desk private key to an operator's public key: the grant. */
export async function grantAccessAction(input: unknown): Promise<TResult<object>> {
  const admin = await requireAdmin();
  if (!admin.ok) return admin;
  const parsed = ZGrantAccess.safeParse(input);
  if (!parsed.success) return { ok: false, error: "errors.unexpected" };
  try {
    if (!(await insertDeskKeyGrant({ ...parsed.data, sealed: fromBase64Url(parsed.data.sealed) }))) return { ok: false, error: "errors.grantRefused" };
    await recordAfterChange({ action: "operator.granted", operatorId: admin.operatorId, subject: parsed.data.operatorId });
    return { ok: true };
  } catch (error) {
    logFailure("grant", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** An admin deactivates an operator: their grants and sessions are deleted at once. */
export async function deactivateOperatorAction(operatorId: unknown): Promise<TResult<object>> {
  const admin = await requireAdmin();
  if (!admin.ok) return admin;
  if (typeof operatorId !== "string" || !/^[A-Za-z0-9_-]{16,43}$/.test(operatorId) || operatorId === admin.operatorId) return { ok: false, error: "errors.deactivateRefused" };
  try {
    if (!(await deactivateOperator(operatorId))) return { ok: false, error: "errors.deactivateRefused" };
    await recordAfterChange({ action: "operator.deactivated", operatorId: admin.operatorId, subject: operatorId });
    return { ok: true };
  } catch (error) {
    logFailure("deactivate", error);
    return { ok: false, error: "errors.unexpected" };
  }
}
