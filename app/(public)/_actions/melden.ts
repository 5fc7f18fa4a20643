"use server";

import { fromBase64Url } from "@/lib/crypto";
import { parseTipFormData } from "@/lib/tips/parse-tip-form-data";
import { readTipPayload } from "@/lib/tips/read-tip-payload";
import { openPendingReceipt, sealPendingReceipt } from "@/lib/tips/pending-receipt";
import { sealAndStoreTip, TipLineNotReadyError } from "@/lib/tips/seal-and-store-tip";
import { generateReceiptCode } from "@/lib/crypto";
import { RejectedTipError, storeSealedTip } from "@/lib/tips/store-sealed-tip";
import { ZTip } from "@/lib/tips/tip-schema";

export type TFieldErrors = Record<string, string>;

export type TTipFormState =
  | { phase: "edit"; values: unknown; errors: TFieldErrors; formError?: string }
  // The review state stays small: React sends it back with the next post (no-JS), so the
  // page derives the tip and its hints from the payload instead of carrying them too.
  | { phase: "review"; payload: string; receipt: string; formError?: string }
  | { phase: "done"; receiptCode: string };


function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): TFieldErrors {
  const errors: TFieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}


function logFailure(error: unknown) {
  // Never the tip, never the request: only what kind of failure it was.
  console.error(`[tip] submission failed: ${error instanceof Error ? error.name : "unknown error"}`);
}

/**
 * The reporter's form without JavaScript (and the fallback when the browser cannot seal):
 * "review" validates with the shared schema and shows the tip back with hints; "edit"
 * returns to the fields; "send" validates again, seals in memory and stores. The receipt
 * code is returned only after the commit. Anonymous callers get generic errors.
 */
export async function tipFormAction(_previous: TTipFormState, formData: FormData): Promise<TTipFormState> {
  // A post without React's bound form state (a bare $ACTION_ID_ form) arrives as one argument.
  if (!(formData instanceof FormData)) return { phase: "edit", values: null, errors: {}, formError: "errors.invalidRequest" };
  const intent = formData.get("intent");
  formData.delete("intent");
  const input = intent === "review" ? parseTipFormData(formData) : readTipPayload(formData.get("payload"));
  if (input === null) return { phase: "edit", values: null, errors: {}, formError: "errors.invalidRequest" };
  if (intent === "edit") return { phase: "edit", values: input, errors: {} };

  const parsed = ZTip.safeParse(input);
  if (!parsed.success) return { phase: "edit", values: input, errors: fieldErrors(parsed.error.issues) };
  if (intent === "review") return reviewState(input, sealPendingReceipt(generateReceiptCode()));
  if (intent !== "send") return { phase: "edit", values: input, errors: {}, formError: "errors.invalidRequest" };
  // The code chosen at the review step, so that a reload of "send" stores the tip once;
  // without a valid one (the JavaScript fallback, an expired page) a fresh code.
  const pending = formData.get("receipt");
  const chosenCode = openPendingReceipt(pending);
  try {
    const { receiptCode } = await sealAndStoreTip(parsed.data, "web", chosenCode ?? undefined);
    return { phase: "done", receiptCode };
  } catch (error) {
    logFailure(error);
    // A retry keeps the same code: if the tip did get stored, it is stored once.
    const receipt = chosenCode && typeof pending === "string" ? pending : sealPendingReceipt(generateReceiptCode());
    return reviewState(input, receipt, error instanceof TipLineNotReadyError ? "errors.notReady" : "errors.notStored");
  }
}

/** The check step without JavaScript: the tip's input, ready to be shown back and sent. */
function reviewState(input: unknown, receipt: string, formError?: string): TTipFormState {
  return { phase: "review", payload: JSON.stringify(input), receipt, formError };
}

export type TSealedSubmitResult = { ok: true } | { ok: false; error: "errors.invalidRequest" | "errors.notStored" };

/**
 * The JavaScript path: the browser has sealed the tip to the desk key and derived the
 * lookup token from a receipt code it generated itself; the server receives neither the
 * tip's text nor the code. Resolves ok only after the commit.
 */
export async function submitSealedTipAction(input: unknown): Promise<TSealedSubmitResult> {
  if (typeof input !== "object" || input === null) return { ok: false, error: "errors.invalidRequest" };
  const { sealedTip, lookupToken } = input as Record<string, unknown>;
  if (typeof sealedTip !== "string" || typeof lookupToken !== "string" || sealedTip.length > 100_000 || lookupToken.length !== 43) {
    return { ok: false, error: "errors.invalidRequest" };
  }
  try {
    await storeSealedTip({ sealed: fromBase64Url(sealedTip), lookupToken: fromBase64Url(lookupToken) });
    return { ok: true };
  } catch (error) {
    if (error instanceof RejectedTipError || (error instanceof Error && error.name === "CryptoInputError")) {
      return { ok: false, error: "errors.invalidRequest" };
    }
    logFailure(error);
    return { ok: false, error: "errors.notStored" };
  }
}
