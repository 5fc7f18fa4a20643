"use client";

import { useMemo, useState, type FormEvent } from "react";
import { generateSecret, generateURI } from "otplib";
import { renderSVG } from "uqr";
import type { TTranslate } from "@/lib/i18n/translate";
import { ErrorAlert, SubmitAndCancel } from "./form-parts";

/**
 * Enrolling an authenticator app: a TOTP secret made in this browser (20 random bytes),
 * shown as a QR code and as text, and the first code the app shows for it. The secret
 * reaches the server only with that code, in the same login request.
 */
export function SecondFactorEnrolment({
  name,
  issuer,
  t,
  working,
  error,
  onConfirm,
  onCancel,
}: {
  name: string;
  issuer: string;
  t: TTranslate;
  working: boolean;
  error: string | null;
  onConfirm: (enrolment: { secret: string; code: string }) => void;
  onCancel: () => void;
}) {
  const [secret] = useState(() => generateSecret());
  const qr = useMemo(() => renderSVG(generateURI({ issuer, label: name, secret }), { border: 2 }), [issuer, name, secret]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s/g, "");
    onConfirm({ secret, code });
  }

  return (
    <form onSubmit={onSubmit} aria-busy={working}>
      <h1>{t("enrol.title")}</h1>
      <p>{t("enrol.intro")}</p>
      <div className="qr" role="img" aria-label={t("enrol.qrLabel")} dangerouslySetInnerHTML={{ __html: qr }} />
      <p>
        {t("enrol.manual")} <code data-testid="totp-secret">{secret.match(/.{4}/g)?.join(" ")}</code>
      </p>
      <div className="field">
        <label htmlFor="enrol-code">{t("enrol.code")}</label>
        <input id="enrol-code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" required />
      </div>
      <ErrorAlert error={error} t={t} />
      <SubmitAndCancel submit={t("enrol.submit")} cancel={t("enrol.cancel")} working={working} onCancel={onCancel} />
    </form>
  );
}

/** The recovery codes, shown once right after enrolment. */
export function RecoveryCodes({ codes, t, onDone }: { codes: string[]; t: TTranslate; onDone: () => void }) {
  return (
    <section>
      <h1>{t("enrol.recoveryTitle")}</h1>
      <p>{t("enrol.recoveryIntro")}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button className="button button--primary" type="button" onClick={onDone}>
          {t("enrol.recoveryDone")}
        </button>
      </div>
    </section>
  );
}
