"use client";

import { useActionState, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { checkStatusAction, sendReporterMessageAction, statusFormAction, type TStatusFormState } from "@/app/(public)/_actions/status";
import type { TKeyPair } from "@/lib/crypto";
import type { TReporterView } from "@/lib/follow-up/types";
import { createTranslator, type TMessageTree } from "@/lib/i18n/translate";
import { AnswerField } from "./answer-field";
import { CodeField } from "./code-field";
import { StatusSummary } from "./status-summary";
import { ThreadList, type TThreadItem } from "./thread-list";

const INITIAL: TStatusFormState = { phase: "form" };
const subscribeNothing = () => () => {};

type TSession = { lookupToken: string; keys: TKeyPair; view: TReporterView<TThreadItem> };

/**
 * The reporter's status page. Without JavaScript: a plain form; the server derives the
 * keys from the code for one request and opens the thread. With JavaScript: the browser
 * derives the lookup token and the reporter's key pair from the code, the server sees
 * neither the code nor the key, and questions are opened and answers sealed here.
 */
export function StatusPanel({ messages, deskPublicKey }: { messages: TMessageTree; deskPublicKey: string | null }) {
  const t = useMemo(() => createTranslator(messages), [messages]);
  const [state, formAction, pending] = useActionState(statusFormAction, INITIAL);
  const enhanced = useSyncExternalStore(subscribeNothing, () => true, () => false);

  if (state.phase === "view") {
    return (
      <>
        <StatusSummary status={state.view.status} changedOn={state.view.changedOn} t={t} />
        <h2>{t("status.threadTitle")}</h2>
        <ThreadList items={state.view.messages} t={t} />
        {state.notice ? (
          <p className="callout callout--ok" role="status">
            {t("status.sent")}
          </p>
        ) : null}
        {state.error ? (
          <p className="error" role="alert">
            {t(`status.${state.error}`)}
          </p>
        ) : null}
        {state.view.open ? (
          <form action={formAction} autoComplete="off">
            <input type="hidden" name="code" value={state.code} />
            <AnswerField t={t} />
            <div className="button-row">
              <button className="button button--primary" type="submit" name="intent" value="answer" disabled={pending}>
                {pending ? t("status.sending") : t("status.send")}
              </button>
            </div>
          </form>
        ) : null}
        <form action={formAction}>
          <input type="hidden" name="code" value="" />
          <button className="button" type="submit" name="intent" value="done" formNoValidate>
            {t("status.done")}
          </button>
        </form>
      </>
    );
  }

  if (enhanced && !state.error) return <EnhancedStatus t={t} deskPublicKey={deskPublicKey} />;

  return (
    <form action={formAction} autoComplete="off">
      <CodeField t={t} />
      {state.error ? (
        <p className="error" role="alert">
          {t(`status.${state.error}`)}
        </p>
      ) : null}
      <div className="button-row">
        <button className="button button--primary" type="submit" name="intent" value="check" disabled={pending}>
          {pending ? t("status.checking") : t("status.submit")}
        </button>
      </div>
    </form>
  );
}

function EnhancedStatus({ t, deskPublicKey }: { t: ReturnType<typeof createTranslator>; deskPublicKey: string | null }) {
  const [code, setCode] = useState("");
  const [answer, setAnswer] = useState("");
  const [session, setSession] = useState<TSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const keysRef = useRef<TKeyPair | null>(null);

  async function load(lookupToken: string, keys: TKeyPair): Promise<boolean> {
    const crypto = await import("@/lib/crypto");
    const result = await checkStatusAction({ lookupToken });
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    const items: TThreadItem[] = [];
    for (const message of result.view.messages) {
      try {
        items.push({ id: message.id, author: message.author, createdOn: message.createdOn, text: await crypto.openMessage(keys, crypto.fromBase64Url(message.sealedForReporter)) });
      } catch {
        // A message that does not open for this code is not shown.
      }
    }
    setSession({ lookupToken, keys, view: { ...result.view, messages: items } });
    return true;
  }

  function wipe() {
    keysRef.current?.privateKey.fill(0);
    keysRef.current = null;
    setSession(null);
    setCode("");
    setAnswer("");
  }

  async function onCheck(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    setWorking(true);
    try {
      const crypto = await import("@/lib/crypto");
      const canonical = crypto.normaliseReceiptCode(code);
      if (!canonical) {
        setError("status.errors.invalidCode");
        return;
      }
      const derived = await crypto.deriveReporterKeys(canonical);
      const keys = { publicKey: derived.publicKey, privateKey: derived.privateKey };
      keysRef.current = keys;
      if (await load(crypto.toBase64Url(derived.lookupToken), keys)) setCode("");
    } catch {
      setError("errors.invalidRequest");
    } finally {
      setWorking(false);
    }
  }

  async function onAnswer(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!session || !deskPublicKey) return;
    const text = answer.trim();
    if (text === "") return setError("errors.emptyMessage");
    setError(null);
    setNotice(null);
    setWorking(true);
    try {
      const crypto = await import("@/lib/crypto");
      const result = await sendReporterMessageAction({
        lookupToken: session.lookupToken,
        sealedForDesk: crypto.toBase64Url(await crypto.sealMessage(crypto.fromBase64Url(deskPublicKey), text)),
        sealedForReporter: crypto.toBase64Url(await crypto.sealMessage(session.keys.publicKey, text)),
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setAnswer("");
      setNotice("status.sent");
      await load(session.lookupToken, session.keys);
    } catch {
      setError("errors.invalidRequest");
    } finally {
      setWorking(false);
    }
  }

  const errorText = error ? (error.startsWith("status.") ? t(error) : t(`status.${error}`)) : null;

  if (!session) {
    return (
      <form onSubmit={onCheck} autoComplete="off" data-testid="status-form" aria-busy={working}>
        <CodeField t={t} value={code} onChange={setCode} />
        {errorText ? (
          <p className="error" role="alert">
            {errorText}
          </p>
        ) : null}
        <div className="button-row">
          <button className="button button--primary" type="submit" disabled={working}>
            {working ? t("status.checking") : t("status.submit")}
          </button>
        </div>
      </form>
    );
  }

  return (
    <>
      <StatusSummary status={session.view.status} changedOn={session.view.changedOn} t={t} />
      <h2>{t("status.threadTitle")}</h2>
      <ThreadList items={session.view.messages} t={t} />
      {notice ? (
        <p className="callout callout--ok" role="status">
          {t(notice)}
        </p>
      ) : null}
      {errorText ? (
        <p className="error" role="alert">
          {errorText}
        </p>
      ) : null}
      {session.view.open && deskPublicKey ? (
        <form onSubmit={onAnswer} autoComplete="off">
          <AnswerField t={t} value={answer} onChange={setAnswer} />
          <div className="button-row">
            <button className="button button--primary" type="submit" disabled={working}>
              {working ? t("status.sending") : t("status.send")}
            </button>
          </div>
        </form>
      ) : null}
      <div className="button-row">
        <button className="button" type="button" onClick={wipe}>
          {t("status.done")}
        </button>
      </div>
    </>
  );
}
