"use client";

import Link from "next/link";
import { useMemo, useState, useSyncExternalStore, type FormEvent } from "react";
import { acceptInvitationAction, completeSetupAction } from "@/app/(operator)/operator/actions";
import { createTranslator, type TMessageTree } from "@/lib/i18n/translate";
import { checkPassphrase } from "@/lib/operators/check-passphrase";
import { PASSPHRASE_MIN_LENGTH } from "@/lib/operators/validation";

const subscribeNothing = () => () => {};
let setupToken: string | null | undefined;

/** Reads the one-time token from the URL fragment once, then removes it from the address bar and history. */
function takeSetupToken(): string | null {
  if (setupToken === undefined) {
    const fromFragment = window.location.hash.replace(/^#/, "");
    setupToken = /^[A-Za-z0-9_-]{43}$/.test(fromFragment) ? fromFragment : null;
    if (setupToken) window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  return setupToken;
}

type TPhase = { kind: "form"; error?: string } | { kind: "working" } | { kind: "done"; fingerprint: string } | { kind: "no-token" };

/**
 * First-run setup: generates the operator's key pair and the desk key pair in this
 * browser, wraps the operator's private key under the passphrase and seals the desk
 * private key to the operator; the server receives only public and wrapped material.
 */
export function SetupForm({ messages, mode = "setup" }: { messages: TMessageTree; mode?: "setup" | "invite" }) {
  const t = useMemo(() => createTranslator(messages), [messages]);
  const token = useSyncExternalStore(subscribeNothing, takeSetupToken, () => undefined);
  const [phase, setPhase] = useState<TPhase>({ kind: "form" });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const passphrase = String(data.get("passphrase") ?? "");
    if (passphrase.length < PASSPHRASE_MIN_LENGTH) return setPhase({ kind: "form", error: "errors.passphraseTooShort" });
    if (passphrase !== String(data.get("passphraseRepeat") ?? "")) return setPhase({ kind: "form", error: "errors.passphraseMismatch" });
    if (!token) return setPhase({ kind: "no-token" });
    setPhase({ kind: "working" });
    try {
      // Common and guessable passphrases are refused here: the server never sees one.
      const verdict = await checkPassphrase(passphrase, [name, ...name.split(/\s+/)]);
      if (!verdict.ok) return setPhase({ kind: "form", error: verdict.error });
      const crypto = await import("@/lib/crypto");
      const operator = await crypto.createOperatorKeys(passphrase);
      const enrolment = {
        token,
        name,
        kdfSalt: crypto.toBase64Url(operator.salt),
        authKey: crypto.toBase64Url(operator.authKey),
        publicKey: crypto.toBase64Url(operator.publicKey),
        wrappedPrivateKey: crypto.toBase64Url(operator.wrappedPrivateKey),
      };
      let result;
      if (mode === "setup") {
        // The first operator also creates the desk key, and seals it to themselves.
        const desk = await crypto.createDeskKeyPair();
        const grant = await crypto.wrapDeskKey(operator.publicKey, desk.privateKey);
        result = await completeSetupAction({ ...enrolment, deskPublicKey: crypto.toBase64Url(desk.publicKey), grant: crypto.toBase64Url(grant) });
        desk.privateKey.fill(0);
      } else {
        result = await acceptInvitationAction(enrolment);
      }
      operator.privateKey.fill(0);
      setPhase(result.ok ? { kind: "done", fingerprint: await crypto.fingerprintPublicKey(operator.publicKey) } : { kind: "form", error: result.error });
    } catch {
      setPhase({ kind: "form", error: "errors.cryptoUnavailable" });
    }
  }

  if (token === null || phase.kind === "no-token") return <p className="callout callout--warn">{t(`${mode}.noToken`)}</p>;
  if (phase.kind === "done") {
    return (
      <div className="callout callout--ok" role="status">
        <p>{t(`${mode}.done`)}</p>
        {mode === "invite" ? (
          <p>
            {t("invite.fingerprint")} <strong className="receipt-code" data-testid="own-fingerprint">{phase.fingerprint}</strong>
          </p>
        ) : null}
        <p>
          <Link href="/operator">{t("setup.toLogin")}</Link>
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-busy={phase.kind === "working"}>
      <h1>{t(`${mode}.title`)}</h1>
      <p>{t(`${mode}.intro`)}</p>
      <div className="field">
        <label htmlFor="setup-name">{t("setup.name")}</label>
        <input id="setup-name" name="name" type="text" autoComplete="username" required minLength={2} maxLength={60} />
      </div>
      <div className="field">
        <label htmlFor="setup-passphrase">{t("setup.passphrase")}</label>
        <span className="help" id="setup-passphrase-help">
          {t("setup.passphraseHelp")}
        </span>
        <input id="setup-passphrase" name="passphrase" type="password" autoComplete="new-password" required minLength={PASSPHRASE_MIN_LENGTH} aria-describedby="setup-passphrase-help" />
      </div>
      <div className="field">
        <label htmlFor="setup-passphrase-repeat">{t("setup.passphraseRepeat")}</label>
        <input id="setup-passphrase-repeat" name="passphraseRepeat" type="password" autoComplete="new-password" required minLength={PASSPHRASE_MIN_LENGTH} />
      </div>
      {phase.kind === "form" && phase.error ? (
        <p className="error" role="alert">
          {t(phase.error)}
        </p>
      ) : null}
      <div className="button-row">
        <button className="button button--primary" type="submit" disabled={phase.kind === "working" || !token}>
          {phase.kind === "working" ? t("setup.working") : t(`${mode}.submit`)}
        </button>
      </div>
    </form>
  );
}
