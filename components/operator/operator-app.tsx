"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { getLoginSaltAction, listColleaguesAction, listTipsAction, logInAction, logOutAction, type TKeyMaterial } from "@/app/(operator)/operator/actions";
import { TipSummary } from "@/components/tip/tip-summary";
import { SESSION_IDLE_MS } from "@/lib/operators/session-policy";
import { ForwardToPolice } from "./forward-to-police";
import { Outbox } from "./outbox";
import { RecoveryCodes, SecondFactorEnrolment } from "./second-factor-enrolment";
import { TipAssignment } from "./tip-assignment";
import { TipThread } from "./tip-thread";
import { InboxList, type TOpenedTip } from "./inbox-list";
import { PhoneIntake } from "./phone-intake";
import { TeamPanel } from "./team-panel";
import { TipTriage } from "./tip-triage";
import { isTipStatus } from "@/lib/triage/tip-status-workflow";
import type { TKeyPair } from "@/lib/crypto";
import { createTranslator, type TMessageTree } from "@/lib/i18n/translate";
import { ZTipEnvelope } from "@/lib/tips/tip-schema";
import { ErrorAlert } from "./form-parts";

type TUnlocked = { name: string; role: string; deskKeys: TKeyPair[]; deskPublicKey: string | null; activeDesk: { id: string; keys: TKeyPair } | null };
/** Between a right passphrase and a finished enrolment: what the second login request needs. */
type TPendingLogin = { name: string; authKey: string; unlockKey: Uint8Array };

function wipe(keys: TKeyPair[]) {
  for (const pair of keys) pair.privateKey.fill(0);
}

/**
 * Unwraps what a login returned, in this tab's memory: the operator's private key with the
 * unlock key, then the desk keys (lib/operators/open-desk-keys.ts). Active key first.
 */
async function unlockDesk(keys: TKeyMaterial, unlockKey: Uint8Array): Promise<{ deskKeys: TKeyPair[]; activeDesk: TUnlocked["activeDesk"]; deskPublicKey: string | null }> {
  const [crypto, { openDeskKeys }] = await Promise.all([import("@/lib/crypto"), import("@/lib/operators/open-desk-keys")]);
  const bytes = crypto.fromBase64Url;
  const operatorKeys = await crypto.unwrapOperatorKey(unlockKey, bytes(keys.publicKey), bytes(keys.wrappedPrivateKey));
  try {
    const { deskKeys, active } = await openDeskKeys(operatorKeys, {
      grants: keys.grants.map((grant) => ({ ...grant, deskPublicKey: bytes(grant.deskPublicKey), sealed: bytes(grant.sealed) })),
      predecessors: keys.predecessors.map((older) => ({ ...older, deskPublicKey: bytes(older.deskPublicKey), sealedUnderSuccessor: bytes(older.sealedUnderSuccessor) })),
    });
    return { deskKeys, activeDesk: active, deskPublicKey: keys.grants.find((grant) => grant.active)?.deskPublicKey ?? null };
  } finally {
    operatorKeys.privateKey.fill(0);
  }
}

/**
 * The operator's desk: log in with the passphrase and the second factor, unwrap the
 * operator key and the desk keys in this tab's memory only, then list and open tips,
 * decrypted here. Nothing is put in localStorage, IndexedDB or cookies; a reload asks for
 * the passphrase again.
 */
export function OperatorApp({ operatorMessages, tipMessages }: { operatorMessages: TMessageTree; tipMessages: TMessageTree }) {
  const t = useMemo(() => createTranslator(operatorMessages), [operatorMessages]);
  const tTip = useMemo(() => createTranslator(tipMessages), [tipMessages]);
  const [unlocked, setUnlocked] = useState<TUnlocked | null>(null);
  const [tips, setTips] = useState<TOpenedTip[] | null>(null);
  const [colleagues, setColleagues] = useState<{ id: string; name: string }[]>([]);
  const [selected, setSelected] = useState<TOpenedTip | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [view, setView] = useState<"inbox" | "phone" | "team" | "outbox">("inbox");
  const [enrolling, setEnrolling] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [forwarding, setForwarding] = useState(false);
  const keysRef = useRef<TKeyPair[]>([]);
  const pendingRef = useRef<TPendingLogin | null>(null);

  // Tips already opened in this tab, by id: a sealed tip never changes (no code path updates
  // it), so going back to the inbox opens only what is new. Decrypted content: emptied at
  // logout, and whenever the desk keys change (a rotation), since a tip unreadable before
  // might open now.
  const openedRef = useRef<{ keys: TKeyPair[] | null; tips: Map<string, TOpenedTip["envelope"]> }>({ keys: null, tips: new Map() });
  // The inbox arrives a page at a time; a newer listing makes an older one stop.
  const loadingRef = useRef(0);
  const [progress, setProgress] = useState<{ opened: number; total: number } | null>(null);

  const loadTips = useCallback(async (deskKeys: TKeyPair[]) => {
    const run = (loadingRef.current += 1);
    // A logout, or a newer listing, ends this one at its next step: nothing it opened, no
    // progress and no cache of it may reach the screen or outlive the session.
    const current = () => run === loadingRef.current;
    // Marked handled at once: a request abandoned by a return below must not become an
    // unhandled rejection; awaiting it still throws into the catch.
    const handled = <T,>(promise: Promise<T>) => {
      promise.catch(() => undefined);
      return promise;
    };
    const team = handled(listColleaguesAction());
    // The next page is asked for before this one is opened, so that the server reads and
    // sends while the tab decrypts.
    let pending = handled(listTipsAction());
    try {
      const crypto = await import("@/lib/crypto");
      if (!current()) return;
      const openEnvelope = async (sealed: Uint8Array): Promise<TOpenedTip["envelope"]> => {
        for (const pair of deskKeys) {
          try {
            const parsed = ZTipEnvelope.safeParse(await crypto.openTip(pair, sealed));
            return parsed.success ? parsed.data : null;
          } catch {
            // Sealed to another desk key; try the next.
          }
        }
        return null;
      };
      if (openedRef.current.keys !== deskKeys) openedRef.current = { keys: deskKeys, tips: new Map() };
      const known = openedRef.current.tips;
      const opened: TOpenedTip[] = [];
      let total = 0;
      for (;;) {
        const result = await pending;
        if (!current()) return;
        if (!result.ok) {
          setProgress(null);
          setError(result.error);
          return;
        }
        if (result.next) pending = handled(listTipsAction(result.next));
        total = result.total ?? total;
        for (const { sealed, ...row } of result.tips) {
          let envelope = known.get(row.id);
          if (envelope === undefined) {
            envelope = await openEnvelope(sealed);
            if (!current()) return;
            known.set(row.id, envelope);
          }
          opened.push({ row, envelope });
        }
        if (!result.next) break;
        setProgress({ opened: opened.length, total: Math.max(total, opened.length) });
      }
      const colleagues = await team;
      if (!current()) return;
      if (colleagues.ok) setColleagues(colleagues.colleagues);
      setProgress(null);
      setTips(opened);
    } catch {
      // The network or the server failed mid-way: say so, and keep whatever list was shown.
      if (!current()) return;
      setProgress(null);
      setError("errors.unexpected");
    }
  }, []);

  function forgetPending() {
    pendingRef.current?.unlockKey.fill(0);
    pendingRef.current = null;
    setEnrolling(null);
  }

  /** Sends a login request; on success unlocks the desk with the pending unlock key. */
  async function completeLogin(request: { name: string; authKey: string; code?: string; enrolment?: { secret: string; code: string } }) {
    const pending = pendingRef.current;
    if (!pending) return;
    const login = await logInAction(request);
    if (!login.ok) {
      if (login.error === "errors.enrolmentRequired") {
        setEnrolling(pending.name);
        return;
      }
      if (!request.enrolment) forgetPending();
      setError(login.error);
      return;
    }
    const desk = await unlockDesk(login.keys, pending.unlockKey);
    forgetPending();
    keysRef.current = desk.deskKeys;
    if (login.recoveryCodes) setRecoveryCodes(login.recoveryCodes);
    if (login.usedRecoveryCode) setNotice("login.usedRecoveryCode");
    setUnlocked({ name: login.keys.name, role: login.keys.role, ...desk });
    await loadTips(desk.deskKeys);
  }

  async function onLogin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const passphrase = String(data.get("passphrase") ?? "");
    const code = String(data.get("code") ?? "").trim();
    setWorking(true);
    setError(null);
    try {
      const salt = await getLoginSaltAction(name);
      if (!salt.ok) throw new Error(salt.error);
      const crypto = await import("@/lib/crypto");
      const secrets = await crypto.deriveOperatorSecrets(passphrase, crypto.fromBase64Url(salt.salt));
      forgetPending();
      pendingRef.current = { name, authKey: crypto.toBase64Url(secrets.authKey), unlockKey: secrets.unlockKey };
      secrets.authKey.fill(0);
      await completeLogin({ name, authKey: pendingRef.current.authKey, ...(code ? { code } : {}) });
    } catch (caught) {
      forgetPending();
      setError(caught instanceof Error && caught.message.startsWith("errors.") ? caught.message : "errors.loginFailed");
    } finally {
      setWorking(false);
    }
  }

  async function onEnrol(enrolment: { secret: string; code: string }) {
    const pending = pendingRef.current;
    if (!pending) return;
    setWorking(true);
    setError(null);
    try {
      await completeLogin({ name: pending.name, authKey: pending.authKey, enrolment });
    } catch {
      setError("errors.unexpected");
    } finally {
      setWorking(false);
    }
  }

  const onLogout = useCallback(async () => {
    wipe(keysRef.current);
    keysRef.current = [];
    pendingRef.current?.unlockKey.fill(0);
    pendingRef.current = null;
    openedRef.current = { keys: null, tips: new Map() };
    // A listing still arriving stops at its next page and shows nothing.
    loadingRef.current += 1;
    setProgress(null);
    setRecoveryCodes(null);
    setNotice(null);
    setUnlocked(null);
    setTips(null);
    setSelected(null);
    await logOutAction();
  }, []);

  // The server ends a session after 30 idle minutes; the tab wipes its keys at the same
  // moment, so an unattended desk holds no unlocked key.
  const isUnlocked = unlocked !== null;
  useEffect(() => {
    if (!isUnlocked) return;
    let lastActive = Date.now();
    const touch = () => {
      lastActive = Date.now();
    };
    const events = ["pointerdown", "keydown"] as const;
    for (const name of events) window.addEventListener(name, touch);
    const timer = window.setInterval(() => {
      if (Date.now() - lastActive > SESSION_IDLE_MS) void onLogout();
    }, 15_000);
    return () => {
      for (const name of events) window.removeEventListener(name, touch);
      window.clearInterval(timer);
    };
  }, [isUnlocked, onLogout]);

  if (!unlocked && enrolling) {
    return (
      <SecondFactorEnrolment
        name={enrolling}
        issuer={t("enrol.issuer")}
        t={t}
        working={working}
        error={error}
        onConfirm={(enrolment) => void onEnrol(enrolment)}
        onCancel={() => {
          forgetPending();
          setError(null);
        }}
      />
    );
  }

  if (!unlocked) {
    return (
      <form onSubmit={onLogin} aria-busy={working}>
        <h1>{t("login.title")}</h1>
        <div className="field">
          <label htmlFor="login-name">{t("login.name")}</label>
          <input id="login-name" name="name" type="text" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="login-passphrase">{t("login.passphrase")}</label>
          <input id="login-passphrase" name="passphrase" type="password" autoComplete="current-password" required />
        </div>
        <div className="field">
          <label htmlFor="login-code">{t("login.code")}</label>
          <span className="help" id="login-code-help">
            {t("login.codeHelp")}
          </span>
          <input id="login-code" name="code" type="text" autoComplete="one-time-code" maxLength={40} aria-describedby="login-code-help" />
        </div>
        <ErrorAlert error={error} t={t} />
        <div className="button-row">
          <button className="button button--primary" type="submit" disabled={working}>
            {working ? t("login.working") : t("login.submit")}
          </button>
        </div>
        <p className="hint">{t("login.reloadNote")}</p>
      </form>
    );
  }

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} t={t} onDone={() => setRecoveryCodes(null)} />;

  if (selected) {
    return (
      <article>
        <p>
          <button
          type="button"
          className="button"
          onClick={() => {
            setSelected(null);
            setForwarding(false);
            setNotice(null);
            // Back to a fresh list: unread markers and counts change once a thread is opened.
            void loadTips(unlocked.deskKeys);
          }}
        >
            {t("tip.back")}
          </button>
        </p>
        <h1>{t("tip.title", { day: selected.row.receivedOn })}</h1>
        <p>
          <span className="badge">{t(`status.${selected.row.status}`)}</span>{" "}
          {selected.envelope ? <span className="badge">{t(`channel.${selected.envelope.channel}`)}</span> : null}
        </p>
        <TipAssignment
          tipId={selected.row.id}
          assignedOperatorId={selected.row.assignedOperatorId}
          colleagues={colleagues}
          t={t}
          onAssigned={(operatorId) => setSelected({ ...selected, row: { ...selected.row, assignedOperatorId: operatorId } })}
        />
        {selected.envelope ? <TipSummary tip={selected.envelope.tip} t={tTip} /> : <p className="error">{t("inbox.unreadable")}</p>}
        {selected.envelope && selected.row.status !== "closed" ? (
          forwarding ? (
            <ForwardToPolice
              tipId={selected.row.id}
              receivedOn={selected.row.receivedOn}
              tip={selected.envelope.tip}
              t={t}
              tTip={tTip}
              onCancel={() => setForwarding(false)}
              onForwarded={() => {
                setForwarding(false);
                setNotice("forward.done");
                setSelected({ ...selected, row: { ...selected.row, status: "forwarded" } });
              }}
            />
          ) : (
            <div className="button-row">
              <button type="button" className="button" onClick={() => setForwarding(true)} data-testid="forward-start">
                {t("forward.start")}
              </button>
            </div>
          )
        ) : null}
        {notice ? (
          <p className="callout callout--ok" role="status">
            {t(notice)}
          </p>
        ) : null}
        {isTipStatus(selected.row.status) ? (
          <TipTriage
            key={selected.row.id}
            tipId={selected.row.id}
            status={selected.row.status}
            deskKeys={unlocked.deskKeys}
            deskPublicKey={unlocked.deskPublicKey}
            t={t}
            onStatusChanged={(status) => setSelected({ ...selected, row: { ...selected.row, status } })}
          />
        ) : null}
        {selected.envelope ? (
          <TipThread
            tipId={selected.row.id}
            reporterPublicKey={selected.envelope.reporterPublicKey}
            deskKeys={unlocked.deskKeys}
            deskPublicKey={unlocked.deskPublicKey}
            t={t}
          />
        ) : null}
      </article>
    );
  }

  return (
    <section>
      <div className="button-row">
        <h1>{t("inbox.title")}</h1>
        <span>{t("inbox.loggedInAs", { name: unlocked.name })}</span>
        <button type="button" className="button" onClick={() => setView(view === "phone" ? "inbox" : "phone")} data-testid="phone-intake-toggle">
          {view === "phone" ? t("inbox.title") : t("phone.start")}
        </button>
        <button type="button" className="button" onClick={() => setView(view === "outbox" ? "inbox" : "outbox")} data-testid="outbox-toggle">
          {view === "outbox" ? t("inbox.title") : t("outbox.title")}
        </button>
        {unlocked.role === "admin" ? (
          <button type="button" className="button" onClick={() => setView(view === "team" ? "inbox" : "team")} data-testid="team-toggle">
            {view === "team" ? t("inbox.title") : t("team.title")}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onLogout}>
          {t("inbox.logout")}
        </button>
      </div>
      <ErrorAlert error={error} t={t} />
      {view === "phone" ? (
        <PhoneIntake
          deskPublicKey={unlocked.deskPublicKey}
          tipMessages={tipMessages}
          t={t}
          onDone={() => {
            setView("inbox");
            void loadTips(unlocked.deskKeys);
          }}
        />
      ) : view === "team" ? (
        <TeamPanel
          desk={unlocked.activeDesk}
          t={t}
          onRotated={(desk) => {
            // New tips and notes go to the new key from now on; the old ones stay open here.
            const deskKeys = [desk.keys, ...unlocked.deskKeys];
            keysRef.current = deskKeys;
            void import("@/lib/crypto").then((crypto) =>
              setUnlocked({ ...unlocked, deskKeys, activeDesk: desk, deskPublicKey: crypto.toBase64Url(desk.keys.publicKey) }),
            );
          }}
        />
      ) : view === "outbox" ? (
        <Outbox t={t} />
      ) : unlocked.deskKeys.length === 0 ? (
        <p className="callout callout--warn" data-testid="no-access">
          {t("team.noAccessYet")}
        </p>
      ) : tips === null ? (
        progress ? (
          <p role="status" data-testid="inbox-progress">
            {t("inbox.opening", { opened: progress.opened, total: progress.total })}
          </p>
        ) : null
      ) : (
        <InboxList tips={tips} colleagues={colleagues} t={t} onOpen={setSelected} />
      )}
    </section>
  );
}
