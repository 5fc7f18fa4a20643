"use server";

import { cookies, headers } from "next/headers";
import { recordAuditEvent, type TAuditEvent } from "@/lib/audit/record-audit-event";
import { countUnreadByTip, listMessages, markReporterMessagesRead } from "@/lib/db/messages";
import { countTips, listTipsPage, type TTipCursor } from "@/lib/db/tips";
import { listNotes } from "@/lib/db/notes";
import { findOperatorCredentials, type TOperatorKeyMaterial } from "@/lib/db/operators";
import { askReporterQuestion } from "@/lib/follow-up/ask-reporter-question";
import { addTipNote } from "@/lib/triage/add-tip-note";
import { changeTipStatus } from "@/lib/triage/change-tip-status";
import { completeFirstRunSetup } from "@/lib/operators/complete-first-run-setup";
import { getLoginSalt } from "@/lib/operators/get-login-salt";
import { endOperatorSession, getOperatorSession, SESSION_COOKIE } from "@/lib/operators/get-operator-session";
import { logInOperator, SESSION_LIFETIME_MS } from "@/lib/operators/log-in-operator";
import { DEVICE_COOKIE, DEVICE_LIFETIME_DAYS, deviceTokensOfHeader } from "@/lib/operators/login-device";
import { LoginLockedError } from "@/lib/rate-limit/login-attempts";
import { acceptInvitation } from "@/lib/operators/accept-invitation";
import { inviteOperator } from "@/lib/operators/invite-operator";
import { ZAcceptInvitation, ZFirstRunSetup, ZGrantAccess, ZLogin, ZOperatorName } from "@/lib/operators/validation";
import { deactivateOperator, insertDeskKeyGrant, listColleagues, listTeam } from "@/lib/db/team";
import { assignTip } from "@/lib/db/tips";
import { rotateDeskKey } from "@/lib/db/desk-keys";
import { findActivePoliceKey, findPolicePackage, insertPolicePackage, listOutbox, setPoliceKey, setPoliceReference, type TOutboxEntry } from "@/lib/db/police";
import { resetSecondFactor } from "@/lib/db/second-factor";
import { fingerprintPublicKey, fromBase64Url, generateToken, isPlausiblePolicePackage, toBase64Url } from "@/lib/crypto";
import { receivedDay } from "@/lib/tips/received-day";
import { ENTITY_ID, ZAssignTip, ZForwardTip, ZPoliceReference, ZRotateDeskKey, ZSetPoliceKey } from "@/lib/operators/validation";
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
  /** Desk keys retired by a rotation, each sealed under the key that replaced it. */
  predecessors: { deskKeyId: string; deskPublicKey: string; successorId: string; sealedUnderSuccessor: string }[];
};

function keyMaterialView(keys: TOperatorKeyMaterial): TKeyMaterial {
  return {
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
    predecessors: keys.predecessors.map((key) => ({
      deskKeyId: key.deskKeyId,
      deskPublicKey: toBase64Url(key.deskPublicKey),
      successorId: key.successorId,
      sealedUnderSuccessor: toBase64Url(key.sealedUnderSuccessor),
    })),
  };
}

/**
 * Logs in with the auth key derived in the browser and the second factor; sets the session
 * cookie. `errors.enrolmentRequired` asks the browser to enrol a second factor first (only
 * after the right passphrase); a new enrolment returns the recovery codes, once.
 */
export async function logInAction(input: unknown): Promise<TResult<{ keys: TKeyMaterial; recoveryCodes?: string[]; usedRecoveryCode?: boolean }>> {
  const parsed = ZLogin.safeParse(input);
  if (!parsed.success) return { ok: false, error: "errors.loginFailed" };
  try {
    const jar = await cookies();
    // From the Cookie header itself: the tokens this server issued, of every device cookie
    // it carries (login-device.ts). (An action Next forwards between workers gets a header
    // rebuilt with one cookie per name; this one is posted to its own page, /operator, and
    // never forwarded.)
    const result = await logInOperator(parsed.data, new Date(), deviceTokensOfHeader((await headers()).get("cookie")));
    if (result.kind === "enrolment-required") return { ok: false, error: "errors.enrolmentRequired" };
    if (result.kind === "failed") {
      // Without the typed name: it may be a colleague's, or a passphrase typed in the wrong box.
      await recordAfterChange({ action: "operator.login-failed" });
      return { ok: false, error: "errors.loginFailed" };
    }
    // The session token is handed out only once the login is on record; without it the new
    // session row stays unused until it expires.
    if (result.kind === "enrolled") await recordAuditEvent({ action: "operator.second-factor-enrolled", operatorId: result.keys.id });
    await recordAuditEvent({ action: "operator.login", operatorId: result.keys.id });
    jar.set(SESSION_COOKIE, result.sessionToken, {
      httpOnly: true,
      secure: true,
      sameSite: "strict",
      path: "/operator",
      maxAge: SESSION_LIFETIME_MS / 1000,
    });
    // Kept past logout: it marks this browser as one the operator uses, so that a stranger
    // failing under the operator's name cannot lock them out of it.
    jar.set(DEVICE_COOKIE, result.deviceCookie, {
      httpOnly: true,
      secure: true,
      sameSite: "strict",
      path: "/operator",
      maxAge: DEVICE_LIFETIME_DAYS * 24 * 60 * 60,
    });
    return {
      ok: true,
      keys: keyMaterialView(result.keys),
      ...(result.kind === "enrolled" ? { recoveryCodes: result.recoveryCodes } : { usedRecoveryCode: result.usedRecoveryCode }),
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

/** Ids are random base64url tokens; anything else is not looked up (nor put on record). */
function isId(value: unknown): value is string {
  return typeof value === "string" && ENTITY_ID.test(value);
}

export type TSealedTipRow = { id: string; sealed: Uint8Array; status: string; receivedOn: string; unread: number; assignedOperatorId: string | null };
export type TTipPage = { tips: TSealedTipRow[]; next: TTipCursor | null; total: number | null };

/**
 * Tips per page of the inbox: ~2 MB of sealed tips at the smallest padded size, small
 * enough for the server to hand over without a burst of garbage, large enough that 10,000
 * tips take 20 requests.
 */
const INBOX_PAGE = 500;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One page of tips, sealed, for a logged-in operator's browser to open, with unread
 * reporter messages; the first page (no `after`) also says how many tips there are, so
 * that the tab can show its progress. The sealed blobs go as bytes (React sends them as
 * binary, not as base64 text). `next` is the cursor of the following page, null after the
 * last.
 */
export async function listTipsAction(after?: unknown): Promise<TResult<TTipPage>> {
  try {
    if (!(await currentOperator())) return { ok: false, error: "errors.notLoggedIn" };
    let cursor: TTipCursor | null = null;
    if (after !== undefined && after !== null) {
      if (typeof after !== "object") return { ok: false, error: "errors.unexpected" };
      const { receivedOn, id } = after as Record<string, unknown>;
      if (typeof receivedOn !== "string" || !DAY.test(receivedOn) || !isId(id)) return { ok: false, error: "errors.unexpected" };
      cursor = { receivedOn, id };
    }
    const rows = await listTipsPage(cursor, INBOX_PAGE + 1);
    const page = rows.slice(0, INBOX_PAGE);
    const [unread, total] = await Promise.all([countUnreadByTip(page.map((tip) => tip.id)), cursor ? null : countTips()]);
    const last = page.at(-1);
    return {
      ok: true,
      tips: page.map((tip) => ({ ...tip, unread: unread.get(tip.id) ?? 0 })),
      next: rows.length > INBOX_PAGE && last ? { receivedOn: last.receivedOn, id: last.id } : null,
      total,
    };
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
  if (!isId(tipId)) return { ok: false, error: "errors.unexpected" };
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
  if (!isId(tipId)) return { ok: false, error: "errors.unexpected" };
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
  if (!isId(operatorId) || operatorId === admin.operatorId) return { ok: false, error: "errors.deactivateRefused" };
  try {
    if (!(await deactivateOperator(operatorId))) return { ok: false, error: "errors.deactivateRefused" };
    await recordAfterChange({ action: "operator.deactivated", operatorId: admin.operatorId, subject: operatorId });
    return { ok: true };
  } catch (error) {
    logFailure("deactivate", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** An admin clears an operator's second factor (lost phone and codes); they enrol again at their next login. */
export async function resetSecondFactorAction(operatorId: unknown): Promise<TResult<object>> {
  const admin = await requireAdmin();
  if (!admin.ok) return admin;
  if (!isId(operatorId)) return { ok: false, error: "errors.unexpected" };
  try {
    if (!(await resetSecondFactor(operatorId))) return { ok: false, error: "errors.unexpected" };
    await recordAfterChange({ action: "operator.second-factor-reset", operatorId: admin.operatorId, subject: operatorId });
    return { ok: true };
  } catch (error) {
    logFailure("reset second factor", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/**
 * An admin's browser rotates the desk key: a new key pair made there, the old private key
 * sealed under the new public key, and the new private key granted to every operator who
 * held the old one.
 */
export async function rotateDeskKeyAction(input: unknown): Promise<TResult<{ deskKeyId: string }>> {
  const admin = await requireAdmin();
  if (!admin.ok) return admin;
  const parsed = ZRotateDeskKey.safeParse(input);
  if (!parsed.success) return { ok: false, error: "errors.unexpected" };
  try {
    const deskKeyId = generateToken(16);
    const rotated = await rotateDeskKey({
      previousDeskKeyId: parsed.data.previousDeskKeyId,
      deskKeyId,
      publicKey: fromBase64Url(parsed.data.publicKey),
      sealedPrevious: fromBase64Url(parsed.data.sealedPrevious),
      grants: parsed.data.grants.map((grant) => ({ operatorId: grant.operatorId, sealed: fromBase64Url(grant.sealed) })),
    });
    if (!rotated) return { ok: false, error: "errors.rotationRefused" };
    await recordAfterChange({ action: "desk-key.rotated", operatorId: admin.operatorId });
    return { ok: true, deskKeyId };
  } catch (error) {
    logFailure("rotate", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** The active operators' names, for assigning tips. */
export async function listColleaguesAction(): Promise<TResult<{ colleagues: { id: string; name: string }[] }>> {
  try {
    if (!(await currentOperator())) return { ok: false, error: "errors.notLoggedIn" };
    return { ok: true, colleagues: await listColleagues() };
  } catch (error) {
    logFailure("colleagues", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** Assigns a tip to an active operator, or to nobody. */
export async function assignTipAction(input: unknown): Promise<TResult<object>> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  const parsed = ZAssignTip.safeParse(input);
  if (!parsed.success) return { ok: false, error: "errors.unexpected" };
  try {
    if (!(await assignTip(parsed.data.tipId, parsed.data.operatorId))) return { ok: false, error: "errors.notSent" };
    await recordAfterChange({ action: "tip.assigned", operatorId: operator.operatorId, subject: parsed.data.tipId });
    return { ok: true };
  } catch (error) {
    logFailure("assign", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

export type TPoliceKeyView = { id: string; publicKey: string; label: string; createdOn: string; fingerprint: string };

/** The police key reports are sealed to now (null when an admin has set none). */
export async function getPoliceKeyAction(): Promise<TResult<{ policeKey: TPoliceKeyView | null }>> {
  try {
    if (!(await currentOperator())) return { ok: false, error: "errors.notLoggedIn" };
    const key = await findActivePoliceKey();
    return {
      ok: true,
      policeKey: key ? { id: key.id, publicKey: toBase64Url(key.publicKey), label: key.label, createdOn: key.createdOn, fingerprint: await fingerprintPublicKey(key.publicKey) } : null,
    };
  } catch (error) {
    logFailure("police key", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** An admin sets the police recipient's public key (from `npm run police:keygen` on the police side). */
export async function setPoliceKeyAction(input: unknown): Promise<TResult<object>> {
  const admin = await requireAdmin();
  if (!admin.ok) return admin;
  const parsed = ZSetPoliceKey.safeParse(input);
  if (!parsed.success) return { ok: false, error: "errors.policeKeyInvalid" };
  try {
    const id = generateToken(16);
    await setPoliceKey({ id, publicKey: fromBase64Url(parsed.data.publicKey), label: parsed.data.label, createdOn: receivedDay() });
    await recordAfterChange({ action: "police-key.set", operatorId: admin.operatorId, subject: id });
    return { ok: true };
  } catch (error) {
    logFailure("set police key", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/**
 * Puts a redacted report, sealed to the police key in the operator's browser, in the
 * outbox, and marks the tip "forwarded" (the reporter sees that, with the day).
 */
export async function forwardTipAction(input: unknown): Promise<TResult<{ packageId: string }>> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  const parsed = ZForwardTip.safeParse(input);
  if (!parsed.success) return { ok: false, error: "errors.unexpected" };
  const sealed = fromBase64Url(parsed.data.sealed);
  if (!isPlausiblePolicePackage(sealed)) return { ok: false, error: "errors.unexpected" };
  try {
    const packageId = generateToken(16);
    const stored = await insertPolicePackage({
      id: packageId,
      tipId: parsed.data.tipId,
      policeKeyId: parsed.data.policeKeyId,
      operatorId: operator.operatorId,
      sealed,
      createdOn: receivedDay(),
      policeReference: parsed.data.policeReference || null,
    });
    if (!stored) return { ok: false, error: "errors.forwardRefused" };
    await recordAfterChange({ action: "tip.forwarded", operatorId: operator.operatorId, subject: parsed.data.tipId });
    return { ok: true, packageId };
  } catch (error) {
    logFailure("forward", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

export type TOutboxView = TOutboxEntry;

/** The outbox: day, operator, police reference; no content (it is sealed to the police). */
export async function listOutboxAction(): Promise<TResult<{ packages: TOutboxEntry[] }>> {
  try {
    if (!(await currentOperator())) return { ok: false, error: "errors.notLoggedIn" };
    return { ok: true, packages: await listOutbox() };
  } catch (error) {
    logFailure("outbox", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** One package as the downloadable file's text; on record as an export. */
export async function downloadPackageAction(packageId: unknown): Promise<TResult<{ fileName: string; contents: string }>> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  if (!isId(packageId)) return { ok: false, error: "errors.unexpected" };
  try {
    const found = await findPolicePackage(packageId);
    if (!found) return { ok: false, error: "errors.unexpected" };
    await recordAuditEvent({ action: "tip.exported", operatorId: operator.operatorId, subject: found.tipId });
    const contents = JSON.stringify({ format: "tipline-police-package", version: 1, packageId: found.id, createdOn: found.createdOn, sealed: toBase64Url(found.sealed) }, null, 2);
    return { ok: true, fileName: `melding-${found.createdOn}-${found.id.slice(0, 8)}.tipline-package`, contents };
  } catch (error) {
    logFailure("download", error);
    return { ok: false, error: "errors.unexpected" };
  }
}

/** Records the reference the police gave a forwarded report. */
export async function setPoliceReferenceAction(input: unknown): Promise<TResult<object>> {
  const operator = await currentOperator();
  if (!operator) return { ok: false, error: "errors.notLoggedIn" };
  const { packageId, policeReference } = (input ?? {}) as Record<string, unknown>;
  const reference = ZPoliceReference.safeParse(policeReference);
  if (!isId(packageId) || !reference.success) return { ok: false, error: "errors.referenceInvalid" };
  try {
    if (!(await setPoliceReference(packageId, reference.data || null))) return { ok: false, error: "errors.unexpected" };
    return { ok: true };
  } catch (error) {
    logFailure("reference", error);
    return { ok: false, error: "errors.unexpected" };
  }
}
