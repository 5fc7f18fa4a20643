"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch, type FieldValues, type Resolver } from "react-hook-form";
import { submitSealedTipAction, tipFormAction, type TTipFormState } from "@/app/(public)/_actions/melden";
import type { TTranslate } from "@/lib/i18n/translate";
import { findSelfIdentificationHints } from "@/lib/tips/find-self-identification-hints";
import { ADULT_SIGNALS, MINOR_SIGNALS, POSSIBLY_MINOR_SIGNAL } from "@/lib/tips/signals";
import { ZTip, ZTipDetailsStep, ZTipSignalsStep, ZTipSubjectStep, type TTip, type TTipEnvelope } from "@/lib/tips/tip-schema";
import { getPath, type TFieldBinder } from "./field-binder";
import { ProgressSteps, STEPS, type TStep } from "./progress-steps";
import { Receipt } from "./receipt";
import { SignalsFields } from "./signals-fields";
import { ADULT_DETAILS, ADULT_MORE, FREE_TEXT, MINOR_DETAILS, SUSPECTS } from "./tip-layout";
import { TipReviewBody } from "./tip-review";
import { TipSectionFields } from "./tip-section-fields";

const STEP_SCHEMAS = { subject: ZTipSubjectStep, signals: ZTipSignalsStep, details: ZTipDetailsStep, more: ZTipDetailsStep, check: ZTip };

/**
 * What the reporter can see is what gets validated and sent: sections hidden by the chosen
 * path are dropped, and signals of the other list are cleared.
 */
function visibleInput(values: FieldValues): FieldValues {
  const subject = values.subject as string | undefined;
  const list: readonly string[] = subject === "minor" ? MINOR_SIGNALS : ADULT_SIGNALS;
  const rawSignals: unknown = values.signals;
  const signals = (Array.isArray(rawSignals) ? rawSignals : typeof rawSignals === "string" ? [rawSignals] : []).filter(
    (id: unknown): id is string => typeof id === "string" && list.includes(id),
  );
  const possiblyMinor = subject === "adult" && signals.includes(POSSIBLY_MINOR_SIGNAL);
  const result: FieldValues = { ...values, signals, possiblyMinor };
  if (subject !== "adult") delete result.adult;
  if (subject === "adult" && !possiblyMinor) delete result.minor;
  return result;
}

type TProps = {
  t: TTranslate;
  deskPublicKey: string;
  initialSubject: "adult" | "minor" | null;
  /** How the tip came in: "web" (the reporter's own browser) or "phone" (an operator typing up a call). */
  channel?: TTipEnvelope["channel"];
  /** When given, the caller shows the receipt code and this form does not. */
  onReceipt?: (code: string) => void;
};

/**
 * The guided form with JavaScript: one step at a time, back and next without losing
 * input, errors beside the fields, then the anonymity check. The tip is sealed in this
 * browser to the desk key and only ciphertext and a lookup token are posted; the receipt
 * code is generated here and never sent. On the web channel a browser without
 * WebAssembly falls back to the server-side sealing action; on the phone channel (an
 * operator's browser, which needs WebAssembly to log in at all) it shows an error instead:
 * that action receives the plaintext and seals the tip as "web".
 */
export function GuidedTipForm({ t, deskPublicKey, initialSubject, channel = "web", onReceipt }: TProps) {
  const serverSealing = channel === "web";
  const [step, setStep] = useState<TStep>(initialSubject ? "signals" : "subject");
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [receipt, setReceipt] = useState<string | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // useForm reads its options on every render, so each step validates with its own schema.
  const resolver = useMemo<Resolver<FieldValues>>(
    () => async (values, context, options) => {
      const current = step;
      const validate = zodResolver(STEP_SCHEMAS[current] as typeof ZTip) as unknown as Resolver<FieldValues>;
      const result = await validate(visibleInput(values), context, options);
      // "At least one field" is asked once everything could have been filled (step 4),
      // not while the reporter is still on step 3.
      if (current === "details" && Object.keys(result.errors).every((key) => key === "root")) {
        return { values: result.values, errors: {} };
      }
      return result as never;
    },
    [step],
  );
  const form = useForm<FieldValues>({
    resolver,
    defaultValues: { subject: initialSubject ?? undefined, signals: [] },
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: true,
  });
  const { register, formState, handleSubmit, getValues, control } = form;
  const subject = useWatch({ control, name: "subject" }) as "adult" | "minor" | undefined;
  const signals = useWatch({ control, name: "signals" }) as unknown;
  const possiblyMinor = subject === "adult" && Array.isArray(signals) && signals.includes(POSSIBLY_MINOR_SIGNAL);

  const binder: TFieldBinder = {
    input: (path) => register(path),
    textarea: (path) => register(path),
    choice: (path) => register(path),
    count: (path, max) => {
      const current = getPath(getValues(), path);
      const filled = Array.isArray(current) ? current.length : 0;
      return Math.min(max, Math.max(counts[path] ?? 1, filled));
    },
    add: (path, max) => setCounts((previous) => ({ ...previous, [path]: Math.min(max, (previous[path] ?? 1) + 1) })),
    error: (path) => {
      const error = getPath(formState.errors, path) as { message?: string } | undefined;
      return typeof error?.message === "string" ? error.message : undefined;
    },
  };

  function go(to: TStep) {
    setStep(to);
    setSendError(null);
  }

  // While the reporter reads the check step, fetch libsodium so that sending is quick,
  // and learn whether this browser can seal at all (Tor Browser "Safer" has no WebAssembly).
  const [canSeal, setCanSeal] = useState<boolean | null>(null);
  useEffect(() => {
    if (step !== "check") return;
    void import("@/lib/crypto").then((crypto) => crypto.prepareCrypto()).then(setCanSeal, () => setCanSeal(false));
  }, [step]);
  // A sealed tip waiting for the server's answer: a retry after a lost response sends the
  // same blob and token, so the tip is stored once and the reporter keeps one code.
  const pendingRef = useRef<{ tip: string; sealedTip: string; lookupToken: string; code: string } | null>(null);

  // Move focus to the new step's heading, so screen readers announce it (not on first load).
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const checked = step === "check" ? ZTip.safeParse(visibleInput(getValues())) : null;
  const parsedForReview: TTip | null = checked?.data ?? null;
  const checkError = checked?.error?.issues[0]?.message ?? null;

  function finish(code: string) {
    if (onReceipt) onReceipt(code);
    else setReceipt(code);
  }

  async function send() {
    if (!parsedForReview) return;
    setSending(true);
    setSendError(null);
    try {
      const crypto = await import("@/lib/crypto");
      if (await crypto.prepareCrypto()) {
        // Only a browser without WebAssembly falls back to server sealing; any other
        // failure here is an error, never a silent downgrade to sending the text.
        const tipJson = JSON.stringify(parsedForReview);
        if (pendingRef.current?.tip !== tipJson) {
          const code = crypto.generateReceiptCode();
          const reporter = await crypto.deriveReporterKeys(code);
          const box = await crypto.sealTip(crypto.fromBase64Url(deskPublicKey), {
            v: 1,
            channel,
            tip: parsedForReview,
            reporterPublicKey: crypto.toBase64Url(reporter.publicKey),
          });
          reporter.privateKey.fill(0);
          pendingRef.current = { tip: tipJson, sealedTip: crypto.toBase64Url(box), lookupToken: crypto.toBase64Url(reporter.lookupToken), code };
        }
        const pending = pendingRef.current;
        const result = await submitSealedTipAction({ sealedTip: pending.sealedTip, lookupToken: pending.lookupToken });
        if (result.ok) {
          pendingRef.current = null;
          finish(pending.code);
        } else setSendError(result.error);
        return;
      }
      if (!serverSealing) {
        setCanSeal(false);
        return;
      }
      const formData = new FormData();
      formData.set("intent", "send");
      formData.set("payload", JSON.stringify(visibleInput(getValues())));
      const next: TTipFormState = await tipFormAction({ phase: "edit", values: null, errors: {} }, formData);
      if (next.phase === "done") finish(next.receiptCode);
      else setSendError(("formError" in next && next.formError) || "errors.notStored");
    } catch {
      setSendError("errors.notStored");
    } finally {
      setSending(false);
    }
  }

  if (receipt) return <Receipt code={receipt} t={t} />;

  const index = STEPS.indexOf(step);
  const onNext = handleSubmit(() => {
    const next = STEPS[index + 1];
    if (next) go(next);
  });
  const rootError = (formState.errors.root as { message?: string } | undefined)?.message;

  return (
    <form onSubmit={onNext} noValidate data-testid="guided-form" autoComplete="off">
      <ProgressSteps current={step} t={t} />
      {step === "check" && parsedForReview ? (
        <>
          <TipReviewBody tip={parsedForReview} hints={findSelfIdentificationHints(parsedForReview)} t={t} headingRef={headingRef} />
          {canSeal === false && serverSealing ? (
            <p className="callout callout--warn" role="status" data-testid="server-seal-notice">
              {t("check.serverSealNotice")}
            </p>
          ) : null}
          {canSeal === false && !serverSealing ? (
            <p className="error" role="alert" data-testid="cannot-seal">
              {t("errors.cannotSeal")}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <h1 ref={headingRef} tabIndex={-1}>
            {t(`steps.${step}.title`)}
          </h1>
          <p>{t(`steps.${step}.intro`)}</p>
        </>
      )}

      {step === "subject" ? (
        <fieldset>
          <legend>{t("subject.legend")}</legend>
          {(["adult", "minor"] as const).map((option) => (
            <div className="choice choice--big" key={option}>
              <input {...register("subject")} id={`subject-${option}`} type="radio" value={option} />
              <label htmlFor={`subject-${option}`}>
                <strong>{t(`subject.options.${option}`)}</strong>
                <span className="help">{t(`subject.help.${option}`)}</span>
              </label>
            </div>
          ))}
          {binder.error("subject") ? <p className="error">{t(binder.error("subject") ?? "")}</p> : null}
          <p className="hint">{t("subject.possiblyMinorNote")}</p>
        </fieldset>
      ) : null}

      {step === "signals" && subject ? (
        <>
          <SignalsFields subject={subject} binder={binder} t={t} />
          {possiblyMinor ? <p className="callout">{t("signals.possiblyMinorNote")}</p> : null}
        </>
      ) : null}

      {step === "details" && subject ? (
        <>
          <h2>{t(`sections.${subject === "adult" ? "adultDetails" : "minorDetails"}.title`)}</h2>
          <TipSectionFields section={subject === "adult" ? ADULT_DETAILS : MINOR_DETAILS} binder={binder} t={t} />
          {possiblyMinor ? (
            <>
              <h2>{t("sections.minorDetails.title")}</h2>
              <TipSectionFields section={MINOR_DETAILS} binder={binder} t={t} />
            </>
          ) : null}
        </>
      ) : null}

      {step === "more" && subject ? (
        <>
          {subject === "adult" ? (
            <>
              <h2>{t("sections.adultMore.title")}</h2>
              <p>{t("sections.adultMore.intro")}</p>
              <TipSectionFields section={ADULT_MORE} binder={binder} t={t} />
            </>
          ) : null}
          <h2>{t("sections.suspects.title")}</h2>
          <p>{t("sections.suspects.intro")}</p>
          <TipSectionFields section={SUSPECTS} binder={binder} t={t} />
          <h2>{t("sections.free.title")}</h2>
          <p>{t("sections.free.intro")}</p>
          <TipSectionFields section={FREE_TEXT} binder={binder} t={t} />
        </>
      ) : null}

      {step === "check" && checkError ? (
        <p className="error" role="alert">
          {t(checkError)}
        </p>
      ) : null}
      {rootError ? (
        <p className="error" role="alert">
          {t(rootError)}
        </p>
      ) : null}
      {sendError ? (
        <p className="error" role="alert">
          {t(sendError)}
        </p>
      ) : null}

      <div className="button-row">
        {index > 0 ? (
          <button type="button" className="button" onClick={() => go(STEPS[index - 1] ?? "subject")} disabled={sending}>
            {t("form.back")}
          </button>
        ) : null}
        {step === "check" ? (
          <button type="button" className="button button--primary" onClick={send} disabled={sending || !parsedForReview || (canSeal === false && !serverSealing)} data-testid="send">
            {sending ? t("form.sending") : t("form.send")}
          </button>
        ) : (
          <button type="submit" className="button button--primary">
            {step === "more" ? t("form.review") : t("form.next")}
          </button>
        )}
      </div>
    </form>
  );
}
