"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { askQuestionAction, openThreadAction } from "@/app/(operator)/operator/actions";
import type { TKeyPair } from "@/lib/crypto";
import type { TTranslate } from "@/lib/i18n/translate";
import { openForDesk, sealFor } from "./desk-crypto";

type TOpened = { id: string; author: "desk" | "reporter"; createdOn: string; text: string | null };

/**
 * A tip's conversation on the operator's side: messages opened with the desk key in this
 * tab; a new question is sealed here to the reporter's public key (from the opened tip)
 * and to the desk key, so both sides can read it and the server cannot.
 */
export function TipThread({ tipId, reporterPublicKey, deskKeys, deskPublicKey, t }: { tipId: string; reporterPublicKey: string; deskKeys: TKeyPair[]; deskPublicKey: string | null; t: TTranslate }) {
  const [messages, setMessages] = useState<TOpened[] | null>(null);
  const [question, setQuestion] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const load = useCallback(async () => {
    const result = await openThreadAction(tipId);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const opened: TOpened[] = [];
    for (const message of result.messages) {
      opened.push({ id: message.id, author: message.author, createdOn: message.createdOn, text: await openForDesk(deskKeys, message.sealedForDesk) });
    }
    setMessages(opened);
  }, [tipId, deskKeys]);

  useEffect(() => {
    // Loading the thread is synchronising with the server, not derived state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  async function onAsk(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = question.trim();
    if (!text || !deskPublicKey) return;
    setWorking(true);
    setError(null);
    setNotice(null);
    try {
      const result = await askQuestionAction({
        tipId,
        sealedForReporter: await sealFor(reporterPublicKey, text),
        sealedForDesk: await sealFor(deskPublicKey, text),
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setQuestion("");
      setNotice("thread.sent");
      await load();
    } catch {
      setError("errors.unexpected");
    } finally {
      setWorking(false);
    }
  }

  return (
    <section aria-labelledby="thread-title">
      <h2 id="thread-title">{t("thread.title")}</h2>
      {messages === null ? null : messages.length === 0 ? (
        <p>{t("thread.empty")}</p>
      ) : (
        <ol className="thread" data-testid="operator-thread">
          {messages.map((message) => (
            <li key={message.id} className={message.author === "desk" ? "thread__item thread__item--desk" : "thread__item"}>
              <p className="thread__meta">
                <strong>{message.author === "desk" ? t("thread.fromDesk") : t("thread.fromReporter")}</strong> {t("thread.on", { day: message.createdOn })}
              </p>
              <p className="thread__text">{message.text ?? t("thread.unreadable")}</p>
            </li>
          ))}
        </ol>
      )}
      {notice ? (
        <p className="callout callout--ok" role="status">
          {t(notice)}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <form onSubmit={onAsk}>
        <div className="field">
          <label htmlFor="question">{t("thread.askLabel")}</label>
          <span className="help" id="question-help">
            {t("thread.askHelp")}
          </span>
          <textarea id="question" rows={4} maxLength={5000} value={question} onChange={(event) => setQuestion(event.target.value)} aria-describedby="question-help" />
        </div>
        <div className="button-row">
          <button className="button button--primary" type="submit" disabled={working || !deskPublicKey}>
            {working ? t("thread.sending") : t("thread.send")}
          </button>
        </div>
      </form>
    </section>
  );
}
