"use client";

import { useEffect, useMemo, useState, type FormEvent } from "react";
import { forwardTipAction, getPoliceKeyAction, type TPoliceKeyView } from "@/app/(operator)/operator/actions";
import { labelKey } from "@/components/tip/tip-layout";
import { buildPoliceReport, redactableFields } from "@/lib/forwarding/build-police-report";
import type { TTranslate } from "@/lib/i18n/translate";
import { findSelfIdentificationHintsInText } from "@/lib/tips/find-self-identification-hints";
import { receivedDay } from "@/lib/tips/received-day";
import type { TTip } from "@/lib/tips/tip-schema";
import { ErrorAlert, SubmitAndCancel } from "./form-parts";

/**
 * Forwarding a tip to the police. The redaction step shows every piece of free text with
 * what may point back to the reporter marked (the same hints the reporter saw); the
 * operator cuts or rewrites it. The report (fields as JSON and a readable document) is
 * sealed in this tab to the police key an admin set, and only the sealed package goes to
 * the outbox; the tip becomes "doorgestuurd naar de politie".
 */
export function ForwardToPolice({
  tipId,
  receivedOn,
  tip,
  t,
  tTip,
  onForwarded,
  onCancel,
}: {
  tipId: string;
  receivedOn: string;
  tip: TTip;
  t: TTranslate;
  tTip: TTranslate;
  onForwarded: () => void;
  onCancel: () => void;
}) {
  const fields = useMemo(() => redactableFields(tip), [tip]);
  const [edits, setEdits] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((field) => [field.path, field.value])));
  const [policeKey, setPoliceKey] = useState<TPoliceKeyView | null | undefined>(undefined);
  const [reference, setReference] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    void getPoliceKeyAction().then((result) => (result.ok ? setPoliceKey(result.policeKey) : setError(result.error)));
  }, []);

  function cut(path: string, match: string) {
    setEdits((current) => ({ ...current, [path]: (current[path] ?? "").split(match).join(t("forward.removed")) }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!policeKey) return;
    setWorking(true);
    setError(null);
    try {
      const report = buildPoliceReport({ tip, edits, receivedOn, forwardedOn: receivedDay(), t: tTip });
      const crypto = await import("@/lib/crypto");
      const sealed = await crypto.sealPolicePackage(crypto.fromBase64Url(policeKey.publicKey), report);
      const result = await forwardTipAction({ tipId, policeKeyId: policeKey.id, sealed: crypto.toBase64Url(sealed), policeReference: reference.trim() });
      if (!result.ok) return setError(result.error);
      onForwarded();
    } catch {
      setError("errors.unexpected");
    } finally {
      setWorking(false);
    }
  }

  if (policeKey === undefined) return <p>{t("forward.loading")}</p>;
  if (policeKey === null) {
    return (
      <section className="callout callout--warn" data-testid="no-police-key">
        <p>{t("forward.noPoliceKey")}</p>
        <button type="button" className="button" onClick={onCancel}>
          {t("forward.cancel")}
        </button>
      </section>
    );
  }

  return (
    <form onSubmit={onSubmit} aria-busy={working} data-testid="forward-form">
      <h2>{t("forward.title")}</h2>
      <p>{t("forward.intro")}</p>
      <p>
        {t("forward.recipient", { label: policeKey.label })} <code data-testid="police-fingerprint">{policeKey.fingerprint}</code>
      </p>
      {fields.map((field, index) => {
        const text = edits[field.path] ?? "";
        const hints = findSelfIdentificationHintsInText(text);
        return (
          <div className={hints.length > 0 ? "field redact redact--hint" : "field redact"} key={field.path}>
            <label htmlFor={`redact-${index}`}>{tTip(labelKey(field.path))}</label>
            <textarea
              id={`redact-${index}`}
              data-path={field.path}
              value={text}
              rows={Math.min(8, Math.max(2, Math.ceil(text.length / 70)))}
              onChange={(event) => setEdits((current) => ({ ...current, [field.path]: event.target.value }))}
            />
            {hints.length > 0 ? (
              <ul className="hints" data-testid="redaction-hints">
                {hints.map((hint) => (
                  <li key={`${hint.start}-${hint.match}`}>
                    {t("forward.hint", { match: hint.match })}{" "}
                    <button type="button" className="button button--small" onClick={() => cut(field.path, hint.match)}>
                      {t("forward.cut")}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        );
      })}
      <div className="field">
        <label htmlFor="forward-reference">{t("forward.reference")}</label>
        <span className="help" id="forward-reference-help">
          {t("forward.referenceHelp")}
        </span>
        <input id="forward-reference" value={reference} maxLength={60} onChange={(event) => setReference(event.target.value)} aria-describedby="forward-reference-help" />
      </div>
      <ErrorAlert error={error} t={t} />
      <SubmitAndCancel submit={t("forward.submit")} cancel={t("forward.cancel")} working={working} onCancel={onCancel} />
    </form>
  );
}
