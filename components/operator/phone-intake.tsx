"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { GuidedTipForm } from "@/components/tip/guided-tip-form";
import { overlayTranslator } from "@/lib/i18n/overlay-translator";
import { createTranslator, type TMessageTree, type TTranslate } from "@/lib/i18n/translate";

type TProps = { deskPublicKey: string | null; tipMessages: TMessageTree; t: TTranslate; onDone: () => void };

/**
 * Phone intake: the operator types up a caller's tip in the reporter's guided form, sealed
 * in this tab to the desk key with channel "phone", and reads the receipt code out to the
 * caller. Nothing about the caller is asked for or kept; the code lives in this component's
 * state only until the operator goes back to the inbox.
 */
export function PhoneIntake({ deskPublicKey, tipMessages, t, onDone }: TProps) {
  // The reporter's texts, except where they address the reporter and the operator is typing.
  const tForm = useMemo(() => overlayTranslator(createTranslator(tipMessages), t, "phone.form"), [tipMessages, t]);
  const [code, setCode] = useState<string | null>(null);

  if (code) return <PhoneReceipt code={code} t={t} onDone={onDone} />;

  return (
    <section aria-labelledby="phone-intake-title" data-testid="phone-intake">
      <h2 id="phone-intake-title">{t("phone.title")}</h2>
      <div className="callout">
        <p>{t("phone.intro")}</p>
        <ul>
          <li>
            <strong>{t("phone.noCallerDetails")}</strong>
          </li>
          <li>{t("phone.notRecorded")}</li>
          <li>{t("phone.askQuestions")}</li>
          <li>{t("phone.consultation")}</li>
        </ul>
      </div>
      {deskPublicKey ? (
        <GuidedTipForm t={tForm} deskPublicKey={deskPublicKey} initialSubject={null} channel="phone" onReceipt={setCode} />
      ) : (
        <p className="error" role="alert">
          {t("phone.noDeskKey")}
        </p>
      )}
    </section>
  );
}

/** The code, large, with how to read it out; shown once, gone when the operator is done. */
function PhoneReceipt({ code, t, onDone }: { code: string; t: TTranslate; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form was replaced under the operator's cursor: announce the receipt.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="callout callout--ok" aria-labelledby="phone-receipt-title" data-testid="phone-receipt">
      <h2 id="phone-receipt-title" tabIndex={-1} ref={headingRef}>
        {t("phone.receipt.title")}
      </h2>
      <p>{t("phone.receipt.readOut")}</p>
      <p>
        <output className="receipt-code receipt-code--large" data-testid="receipt-code" aria-label={t("phone.receipt.codeLabel")}>
          {code}
        </output>
      </p>
      <ul>
        <li>{t("phone.receipt.groups")}</li>
        <li>{t("phone.receipt.characters")}</li>
        <li>{t("phone.receipt.readBack")}</li>
        <li>{t("phone.receipt.purpose")}</li>
        <li>
          <strong>{t("phone.receipt.shownOnce")}</strong>
        </li>
      </ul>
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={onDone} data-testid="phone-done">
          {t("phone.receipt.done")}
        </button>
      </div>
    </section>
  );
}
