"use client";

import { useActionState, useMemo, useSyncExternalStore } from "react";
import { tipFormAction, type TTipFormState } from "@/app/(public)/_actions/melden";
import { localePath, type TLocale } from "@/lib/i18n/locales";
import { createTranslator, type TMessageTree } from "@/lib/i18n/translate";
import { GuidedTipForm } from "./guided-tip-form";
import { PlainTipForm } from "./plain-tip-form";
import { ProgressSteps } from "./progress-steps";
import { Receipt } from "./receipt";
import { TipReviewBody } from "./tip-review";
import { findSelfIdentificationHints } from "@/lib/tips/find-self-identification-hints";
import { readTipPayload } from "@/lib/tips/read-tip-payload";
import { ZTip } from "@/lib/tips/tip-schema";

type TProps = {
  lang: TLocale;
  messages: TMessageTree;
  deskPublicKey: string;
  initialSubject: "adult" | "minor" | null;
  /** Only for the server's receipt page template (lib/tips/receipt-page.ts). */
  receiptTemplateCode?: string;
};

const INITIAL: TTipFormState = { phase: "edit", values: null, errors: {} };
const subscribeNothing = () => () => {};

/**
 * The reporter's form. Server-rendered it works without JavaScript (plain form → review →
 * receipt, all through `tipFormAction`); once JavaScript runs it becomes the guided,
 * step-by-step form that seals the tip in the browser.
 */
export function TipForm({ lang, messages, deskPublicKey, initialSubject, receiptTemplateCode }: TProps) {
  const t = useMemo(() => createTranslator(messages), [messages]);
  const [state, formAction, pending] = useActionState(tipFormAction, INITIAL);
  // False on the server and in the HTML; true once React runs in the browser.
  const enhanced = useSyncExternalStore(subscribeNothing, () => true, () => false);

  if (state.phase === "done") return <Receipt code={state.receiptCode} t={t} />;
  if (receiptTemplateCode !== undefined) return <Receipt code={receiptTemplateCode} t={t} />;

  if (state.phase === "review") {
    // The action validated this payload; parsing it again here gives the normalised tip.
    const reviewed = ZTip.safeParse(readTipPayload(state.payload)).data;
    return (
      <form action={formAction}>
        <ProgressSteps current="check" t={t} />
        {reviewed ? <TipReviewBody tip={reviewed} hints={findSelfIdentificationHints(reviewed)} t={t} /> : null}
        <input type="hidden" name="payload" value={state.payload} />
        <input type="hidden" name="receipt" value={state.receipt} />
        {state.formError ? (
          <p className="error" role="alert">
            {t(state.formError)}
          </p>
        ) : null}
        <div className="button-row">
          <button className="button" type="submit" name="intent" value="edit" disabled={pending}>
            {t("form.edit")}
          </button>
          {/* Without JavaScript "send" goes to a route that answers with a static receipt page
              instead of rendering this page again (lib/tips/receipt-page.ts); once React
              runs, the action below takes it, as it takes "edit". */}
          <button
            className="button button--primary"
            type="submit"
            name="intent"
            value="send"
            disabled={pending}
            data-testid="send"
            formAction={enhanced ? undefined : localePath(lang, "/melden/verzenden")}
          >
            {pending ? t("form.sending") : t("form.send")}
          </button>
        </div>
      </form>
    );
  }

  if (enhanced && state.values === null && !state.formError) {
    return <GuidedTipForm t={t} deskPublicKey={deskPublicKey} initialSubject={initialSubject} />;
  }

  const values = state.values as { subject?: unknown } | null;
  const subject = values?.subject === "adult" || values?.subject === "minor" ? values.subject : initialSubject;
  return (
    <PlainTipForm
      lang={lang}
      subject={subject}
      values={state.values}
      errors={state.errors}
      formError={state.formError}
      formAction={formAction}
      pending={pending}
      t={t}
    />
  );
}
