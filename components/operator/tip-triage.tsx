"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { addNoteAction, changeStatusAction, listNotesAction } from "@/app/(operator)/operator/actions";
import type { TKeyPair } from "@/lib/crypto";
import type { TTipStatus } from "@/lib/follow-up/types";
import type { TTranslate } from "@/lib/i18n/translate";
import { TIP_STATUS_TRANSITIONS } from "@/lib/triage/tip-status-workflow";
import { openForDesk, sealFor } from "./desk-crypto";

type TOpenedNote = { id: string; kind: "note" | "close-reason"; createdOn: string; text: string | null };

/**
 * Triage of one tip: the status workflow (closing asks for a reason) and internal notes,
 * both sealed to the desk key in this tab; the reporter sees only the status and its day.
 */
export function TipTriage({
  tipId,
  status,
  deskKeys,
  deskPublicKey,
  t,
  onStatusChanged,
}: {
  tipId: string;
  status: TTipStatus;
  deskKeys: TKeyPair[];
  deskPublicKey: string | null;
  t: TTranslate;
  onStatusChanged: (status: TTipStatus) => void;
}) {
  const next = TIP_STATUS_TRANSITIONS[status];
  const [target, setTarget] = useState<TTipStatus | "">(next[0] ?? "");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [notes, setNotes] = useState<TOpenedNote[] | null>(null);
  const [message, setMessage] = useState<{ error: boolean; key: string } | null>(null);
  const [working, setWorking] = useState(false);

  const loadNotes = useCallback(async () => {
    const result = await listNotesAction(tipId);
    if (!result.ok) return setMessage({ error: true, key: result.error });
    const opened: TOpenedNote[] = [];
    for (const item of result.notes) {
      opened.push({ id: item.id, kind: item.kind, createdOn: item.createdOn, text: await openForDesk(deskKeys, item.sealed) });
    }
    setNotes(opened);
  }, [tipId, deskKeys]);

  useEffect(() => {
    // Loading the notes is synchronising with the server, not derived state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void loadNotes();
  }, [loadNotes]);

  async function onChangeStatus(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!target || !deskPublicKey) return;
    setWorking(true);
    setMessage(null);
    try {
      const closing = target === "closed";
      if (closing && reason.trim() === "") return setMessage({ error: true, key: "errors.reasonRequired" });
      const result = await changeStatusAction({
        tipId,
        from: status,
        to: target,
        sealedReason: closing ? await sealFor(deskPublicKey, reason.trim()) : undefined,
      });
      if (!result.ok) return setMessage({ error: true, key: result.error });
      setReason("");
      setMessage({ error: false, key: "workflow.changed" });
      onStatusChanged(target);
      setTarget(TIP_STATUS_TRANSITIONS[target][0] ?? "");
      await loadNotes();
    } finally {
      setWorking(false);
    }
  }

  async function onAddNote(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!deskPublicKey || note.trim() === "") return;
    setWorking(true);
    setMessage(null);
    try {
      const result = await addNoteAction({ tipId, sealed: await sealFor(deskPublicKey, note.trim()) });
      if (!result.ok) return setMessage({ error: true, key: result.error });
      setNote("");
      setMessage({ error: false, key: "notes.added" });
      await loadNotes();
    } finally {
      setWorking(false);
    }
  }

  return (
    <section aria-labelledby="triage-title" className="card">
      <h2 id="triage-title">{t("workflow.title")}</h2>
      <p data-testid="operator-status">{t("workflow.current", { status: t(`status.${status}`) })}</p>
      {message ? (
        <p className={message.error ? "error" : "callout callout--ok"} role={message.error ? "alert" : "status"}>
          {t(message.key)}
        </p>
      ) : null}
      {next.length === 0 ? (
        <p>{t("workflow.closedNote")}</p>
      ) : (
        <form onSubmit={onChangeStatus}>
          <div className="field">
            <label htmlFor="status-target">{t("workflow.moveTo")}</label>
            <select id="status-target" value={target} onChange={(event) => setTarget(event.target.value as TTipStatus)}>
              {next.map((option) => (
                <option key={option} value={option}>
                  {t(`status.${option}`)}
                </option>
              ))}
            </select>
          </div>
          {target === "closed" ? (
            <div className="field">
              <label htmlFor="close-reason">{t("workflow.reasonLabel")}</label>
              <span className="help" id="close-reason-help">
                {t("workflow.reasonHelp")}
              </span>
              <textarea id="close-reason" rows={3} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} aria-describedby="close-reason-help" />
            </div>
          ) : null}
          <div className="button-row">
            <button className="button button--primary" type="submit" disabled={working || !deskPublicKey}>
              {t("workflow.apply")}
            </button>
          </div>
        </form>
      )}

      <h3>{t("notes.title")}</h3>
      {notes === null ? null : notes.length === 0 ? (
        <p>{t("notes.empty")}</p>
      ) : (
        <ul className="thread" data-testid="notes">
          {notes.map((item) => (
            <li key={item.id} className="thread__item">
              <p className="thread__meta">
                {item.kind === "close-reason" ? <strong>{t("notes.closeReason")} </strong> : null}
                {t("notes.on", { day: item.createdOn })}
              </p>
              <p className="thread__text">{item.text ?? t("thread.unreadable")}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onAddNote}>
        <div className="field">
          <label htmlFor="new-note">{t("notes.label")}</label>
          <textarea id="new-note" rows={3} maxLength={5000} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
        <div className="button-row">
          <button className="button" type="submit" disabled={working || !deskPublicKey}>
            {t("notes.add")}
          </button>
        </div>
      </form>
    </section>
  );
}
