"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { getLoginSaltAction, listTipsAction, logInAction, logOutAction } from "@/app/(operator)/operator/actions";
import { TipSummary } from "@/components/tip/tip-summary";
import { SESSION_IDLE_MS } from "@/lib/operators/session-policy";
import { TipThread } from "./tip-thread";
import { InboxList, type TOpenedTip } from "./inbox-list";
import { PhoneIntake } from "./phone-intake";
import { TeamPanel } from "./team-panel";
import { TipTriage } from "./tip-triage";
import { isTipStatus } from "@/lib/triage/tip-status-workflow";
import type { KeyPair } from "@/lib/crypto";
import { createTranslator, type TMessageTree } from "@/lib/i18n/translate";
import { ZTipEnvelope } from "@/lib/tips/tip-schema";

type TUnlocked = { name: string; role: string; deskKeys: KeyPair[]; deskPublicKey: string | null; activeDesk: { id: string; keys: KeyPair } | null };

function wipe(keys: KeyPair[]) {
  for (const pair of keys) pair.privateKey.fill(0);
}

/**
 * The operator's desk: log in with the passphrase, unwrap the operator key and the desk
 * key in this tab's memory only, then list and open tips, decrypted here. Nothing is put
 * in localStorage, IndexedDB or cookies; a reload asks for the passphrase again.
 */
export function OperatorApp({ operatorMessages, tipMessages }: { operatorMessages: TMessageTree; tipMessages: TMessageTree }) {
  const t = useMemo(() => createTranslator(operatorMessages), [operatorMessages]);
  const tTip = useMemo(() => createTranslator(tipMessages), [tipMessages]);
  const [unlocked, setUnlocked] = useState<TUnlocked | null>(null);
  const [tips, setTips] = useState<TOpenedTip[] | null>(null);
  const [selected, setSelected] = useState<TOpenedTip | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [view, setView] = useState<"inbox" | "phone" | "team">("inbox");
  const keysRef = useRef<KeyPair[]>([]);

  const loadTips = useCallback(
    async (deskKeys: KeyPair[]) => {
      const result = await listTipsAction();
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const crypto = await import("@/lib/crypto");
      const opened = await Promise.all(
        result.tips.map(async (row): Promise<TOpenedTip> => {
          const sealed = crypto.fromBase64Url(row.sealed);
          for (const pair of deskKeys) {
            try {
              const parsed = ZTipEnvelope.safeParse(await crypto.openTip(pair, sealed));
              return { row, envelope: parsed.success ? parsed.data : null };
            } catch {
              // Sealed to another desk key; try the next.
            }
          }
          return { row, envelope: null };
        }),
      );
      setTips(opened);
    },
    [],
  );

  async function onLogin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const passphrase = String(data.get("passphrase") ?? "");
    setWorking(true);
    setError(null);
    try {
      const salt = await getLoginSaltAction(name);
      if (!salt.ok) throw new Error(salt.error);
      const crypto = await import("@/lib/crypto");
      const secrets = await crypto.deriveOperatorSecrets(passphrase, crypto.fromBase64Url(salt.salt));
      const login = await logInAction({ name, authKey: crypto.toBase64Url(secrets.authKey) });
      if (!login.ok) {
        secrets.unlockKey.fill(0);
        setError(login.error);
        return;
      }
      const operatorKeys = await crypto.unwrapOperatorKey(
        secrets.unlockKey,
        crypto.fromBase64Url(login.keys.publicKey),
        crypto.fromBase64Url(login.keys.wrappedPrivateKey),
      );
      secrets.unlockKey.fill(0);
      const deskKeys: KeyPair[] = [];
      for (const grant of login.keys.grants) {
        deskKeys.push(await crypto.unwrapDeskKey(operatorKeys, crypto.fromBase64Url(grant.sealed), crypto.fromBase64Url(grant.deskPublicKey)));
      }
      operatorKeys.privateKey.fill(0);
      keysRef.current = deskKeys;
      const activeIndex = login.keys.grants.findIndex((grant) => grant.active);
      const active = login.keys.grants[activeIndex];
      const activeKeys = deskKeys[activeIndex];
      setUnlocked({
        name: login.keys.name,
        role: login.keys.role,
        deskKeys,
        deskPublicKey: active?.deskPublicKey ?? null,
        activeDesk: active && activeKeys ? { id: active.deskKeyId, keys: activeKeys } : null,
      });
      await loadTips(deskKeys);
    } catch (caught) {
      setError(caught instanceof Error && caught.message.startsWith("errors.") ? caught.message : "errors.loginFailed");
    } finally {
      setWorking(false);
    }
  }

  const onLogout = useCallback(async () => {
    wipe(keysRef.current);
    keysRef.current = [];
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
        {error ? (
          <p className="error" role="alert">
            {t(error)}
          </p>
        ) : null}
        <div className="button-row">
          <button className="button button--primary" type="submit" disabled={working}>
            {working ? t("login.working") : t("login.submit")}
          </button>
        </div>
        <p className="hint">{t("login.reloadNote")}</p>
      </form>
    );
  }

  if (selected) {
    return (
      <article>
        <p>
          <button
          type="button"
          className="button"
          onClick={() => {
            setSelected(null);
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
        {selected.envelope ? <TipSummary tip={selected.envelope.tip} t={tTip} /> : <p className="error">{t("inbox.unreadable")}</p>}
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
        {unlocked.role === "admin" ? (
          <button type="button" className="button" onClick={() => setView(view === "team" ? "inbox" : "team")} data-testid="team-toggle">
            {view === "team" ? t("inbox.title") : t("team.title")}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onLogout}>
          {t("inbox.logout")}
        </button>
      </div>
      {error ? (
        <p className="error" role="alert">
          {t(error)}
        </p>
      ) : null}
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
        <TeamPanel desk={unlocked.activeDesk} t={t} />
      ) : unlocked.deskKeys.length === 0 ? (
        <p className="callout callout--warn" data-testid="no-access">
          {t("team.noAccessYet")}
        </p>
      ) : tips === null ? null : (
        <InboxList tips={tips} t={t} onOpen={setSelected} />
      )}
    </section>
  );
}
