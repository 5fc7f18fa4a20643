"use server";

import { headers } from "next/headers";
import { CryptoInputError, fromBase64Url } from "@/lib/crypto";
import { addReporterMessage } from "@/lib/follow-up/add-reporter-message";
import { checkTipStatus } from "@/lib/follow-up/check-tip-status";
import type { TReporterView, TSealedThreadItem } from "@/lib/follow-up/types";
import { MAX_MESSAGE_CHARS } from "@/lib/follow-up/types";
import { addReporterMessageWithCode, openTipStatusWithCode, type TOpenThreadItem } from "@/lib/follow-up/with-receipt-code";
import { coarseAddressBucket } from "@/lib/rate-limit/coarse-address-bucket";
import { limitStatusAttempt } from "@/lib/rate-limit/limit-status-attempt";

type TStatusError = "errors.notFound" | "errors.tooManyAttempts" | "errors.invalidRequest" | "errors.notSent" | "errors.emptyMessage" | "errors.messageTooLong";

export type TStatusFormState =
  | { phase: "form"; error?: TStatusError }
  | { phase: "view"; code: string; view: TReporterView<TOpenThreadItem>; notice?: "sent"; error?: TStatusError };

/**
 * One attempt against the limiter: counted for the caller's coarse address bucket (only
 * a keyed hash of it is kept) and for everyone; waits the growing delay; false when
 * refused. The address is read here and goes nowhere else.
 */
async function admit(): Promise<boolean> {
  const bucket = coarseAddressBucket((await headers()).get("x-forwarded-for"));
  const decision = await limitStatusAttempt(bucket);
  if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
  return decision.allowed;
}

function logFailure(error: unknown) {
  console.error(`[status] failed: ${error instanceof Error ? error.name : "unknown error"}`);
}

/**
 * A base64url field of the JavaScript path, as bytes; null when it is not base64url. A
 * malformed field is a bad request, answered as one before the limiter and the database,
 * and not logged as a failure: only what really failed is.
 */
function bytesOf(field: string): Uint8Array | null {
  try {
    return fromBase64Url(field);
  } catch (error) {
    if (error instanceof CryptoInputError) return null;
    throw error;
  }
}

/**
 * The status page without JavaScript: "check" opens the tip's view with the code; "answer"
 * adds the reporter's message and shows the view again. The code travels only in POST
 * bodies, never in a URL. A wrong code and a deleted tip give the same answer.
 */
export async function statusFormAction(_previous: TStatusFormState, formData: FormData): Promise<TStatusFormState> {
  // A post without React's bound form state (a bare $ACTION_ID_ form) arrives as one argument.
  if (!(formData instanceof FormData)) return { phase: "form", error: "errors.invalidRequest" };
  const code = formData.get("code");
  const intent = formData.get("intent");
  // "Klaar": forget the code; the page goes back to an empty form.
  if (intent === "done") return { phase: "form" };
  if (typeof code !== "string" || code.length > 64) return { phase: "form", error: "errors.invalidRequest" };
  try {
    if (!(await admit())) return { phase: "form", error: "errors.tooManyAttempts" };
    let notice: "sent" | undefined;
    let error: TStatusError | undefined;
    if (intent === "answer") {
      const text = String(formData.get("message") ?? "").trim();
      if (text === "") error = "errors.emptyMessage";
      else if (text.length > MAX_MESSAGE_CHARS) error = "errors.messageTooLong";
      else if (await addReporterMessageWithCode(code, text)) notice = "sent";
      else error = "errors.notSent";
    }
    const view = await openTipStatusWithCode(code);
    if (!view) return { phase: "form", error: "errors.notFound" };
    return { phase: "view", code, view, notice, error };
  } catch (caught) {
    logFailure(caught);
    return { phase: "form", error: "errors.invalidRequest" };
  }
}

export type TCheckStatusResult = { ok: true; view: TReporterView<TSealedThreadItem> } | { ok: false; error: TStatusError };

/**
 * The JavaScript path: the browser derived the lookup token from the code; the server
 * sees neither the code nor the reporter's key, and hands back the thread sealed to it.
 */
export async function checkStatusAction(input: unknown): Promise<TCheckStatusResult> {
  const lookupToken = (input as { lookupToken?: unknown } | null)?.lookupToken;
  const token = typeof lookupToken === "string" && lookupToken.length === 43 ? bytesOf(lookupToken) : null;
  if (token === null) return { ok: false, error: "errors.invalidRequest" };
  try {
    if (!(await admit())) return { ok: false, error: "errors.tooManyAttempts" };
    const view = await checkTipStatus(token);
    if (!view) return { ok: false, error: "errors.notFound" };
    return { ok: true, view: { status: view.status, changedOn: view.changedOn, open: view.open, messages: view.messages } };
  } catch (caught) {
    logFailure(caught);
    return { ok: false, error: "errors.invalidRequest" };
  }
}

/** The JavaScript path's answer: sealed in the browser to the desk and to the reporter. */
export async function sendReporterMessageAction(input: unknown): Promise<{ ok: true } | { ok: false; error: TStatusError }> {
  const { lookupToken, sealedForDesk, sealedForReporter } = (input ?? {}) as Record<string, unknown>;
  if (typeof lookupToken !== "string" || lookupToken.length !== 43 || typeof sealedForDesk !== "string" || typeof sealedForReporter !== "string") {
    return { ok: false, error: "errors.invalidRequest" };
  }
  if (sealedForDesk.length > 100_000 || sealedForReporter.length > 100_000) return { ok: false, error: "errors.invalidRequest" };
  const [token, forDesk, forReporter] = [bytesOf(lookupToken), bytesOf(sealedForDesk), bytesOf(sealedForReporter)];
  if (token === null || forDesk === null || forReporter === null) return { ok: false, error: "errors.invalidRequest" };
  try {
    if (!(await admit())) return { ok: false, error: "errors.tooManyAttempts" };
    const stored = await addReporterMessage({ lookupToken: token, sealedForDesk: forDesk, sealedForReporter: forReporter });
    return stored ? { ok: true } : { ok: false, error: "errors.notSent" };
  } catch (caught) {
    logFailure(caught);
    return { ok: false, error: "errors.invalidRequest" };
  }
}
