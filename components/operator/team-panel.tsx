"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import {
  deactivateOperatorAction,
  getPoliceKeyAction,
  grantAccessAction,
  inviteOperatorAction,
  listTeamAction,
  resetSecondFactorAction,
  rotateDeskKeyAction,
  setPoliceKeyAction,
  type TPoliceKeyView,
  type TTeamMemberView,
} from "@/app/(operator)/operator/actions";
import type { TKeyPair } from "@/lib/crypto";
import type { TTranslate } from "@/lib/i18n/translate";

type TMember = TTeamMemberView & { fingerprint: string };

/**
 * The admin's team screen: invite an operator (a one-time link), compare the new
 * operator's key fingerprint and then give access — this browser seals the desk private
 * key to their public key — or deactivate an operator, which deletes their grants and
 * sessions at once. Also: reset an operator's second factor, rotate the desk key (this
 * browser makes the new key pair, seals the old private key under it and grants the new
 * one to everyone who held the old one) and set the police key that reports are sealed to.
 */
export function TeamPanel({
  desk,
  t,
  onRotated,
}: {
  desk: { id: string; keys: TKeyPair } | null;
  t: TTranslate;
  onRotated: (desk: { id: string; keys: TKeyPair }) => void;
}) {
  const [members, setMembers] = useState<TMember[] | null>(null);
  const [policeKey, setPoliceKey] = useState<TPoliceKeyView | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; key: string } | null>(null);
  const [working, setWorking] = useState(false);

  const load = useCallback(async () => {
    const result = await listTeamAction();
    if (!result.ok) return setMessage({ error: true, key: result.error });
    const crypto = await import("@/lib/crypto");
    setMembers(await Promise.all(result.members.map(async (member) => ({ ...member, fingerprint: await crypto.fingerprintPublicKey(crypto.fromBase64Url(member.publicKey)) }))));
    const police = await getPoliceKeyAction();
    if (police.ok) setPoliceKey(police.policeKey);
  }, []);

  useEffect(() => {
    // Loading the team is synchronising with the server, not derived state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  async function run(action: () => Promise<{ ok: boolean; error?: string }>, done: string) {
    setWorking(true);
    setMessage(null);
    try {
      const result = await action();
      setMessage(result.ok ? { error: false, key: done } : { error: true, key: result.error ?? "errors.unexpected" });
      await load();
    } finally {
      setWorking(false);
    }
  }

  async function invite() {
    setWorking(true);
    setMessage(null);
    try {
      const result = await inviteOperatorAction();
      if (result.ok) setLink(result.link);
      else setMessage({ error: true, key: result.error });
    } finally {
      setWorking(false);
    }
  }

  async function grant(member: TMember) {
    if (!desk) return;
    await run(async () => {
      const crypto = await import("@/lib/crypto");
      const sealed = await crypto.wrapDeskKey(crypto.fromBase64Url(member.publicKey), desk.keys.privateKey);
      return grantAccessAction({ operatorId: member.id, deskKeyId: desk.id, sealed: crypto.toBase64Url(sealed) });
    }, "team.granted");
  }

  async function rotate() {
    if (!desk || !members || !window.confirm(t("team.rotateConfirm"))) return;
    await run(async () => {
      const crypto = await import("@/lib/crypto");
      const next = await crypto.createDeskKeyPair();
      const holders = members.filter((member) => member.active && member.hasActiveGrant);
      const result = await rotateDeskKeyAction({
        previousDeskKeyId: desk.id,
        publicKey: crypto.toBase64Url(next.publicKey),
        sealedPrevious: crypto.toBase64Url(await crypto.wrapDeskKey(next.publicKey, desk.keys.privateKey)),
        grants: await Promise.all(
          holders.map(async (member) => ({ operatorId: member.id, sealed: crypto.toBase64Url(await crypto.wrapDeskKey(crypto.fromBase64Url(member.publicKey), next.privateKey)) })),
        ),
      });
      if (result.ok) onRotated({ id: result.deskKeyId, keys: next });
      else next.privateKey.fill(0);
      return result;
    }, "team.rotated");
  }

  async function savePoliceKey(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    await run(() => setPoliceKeyAction({ publicKey: String(data.get("publicKey") ?? "").trim(), label: String(data.get("label") ?? "").trim() }), "team.policeKeySaved");
  }

  return (
    <section aria-labelledby="team-title">
      <h1 id="team-title">{t("team.title")}</h1>
      <p>{t("team.intro")}</p>
      {message ? (
        <p className={message.error ? "error" : "callout callout--ok"} role={message.error ? "alert" : "status"}>
          {t(message.key)}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={invite} disabled={working}>
          {t("team.invite")}
        </button>
      </div>
      {link ? (
        <div className="callout">
          <p>{t("team.inviteLinkIntro")}</p>
          <p>
            <code className="invite-link" data-testid="invite-link">
              {link}
            </code>
          </p>
        </div>
      ) : null}
      {members === null ? null : (
        <table className="inbox">
          <thead>
            <tr>
              <th scope="col">{t("team.name")}</th>
              <th scope="col">{t("team.role")}</th>
              <th scope="col">{t("team.fingerprint")}</th>
              <th scope="col">{t("team.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("team.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id} data-testid="team-row">
                <td>
                  {member.name}
                  {member.isYou ? ` (${t("team.you")})` : ""}
                </td>
                <td>{t(`team.roles.${member.role}`)}</td>
                <td>
                  <code data-testid="member-fingerprint">{member.fingerprint}</code>
                </td>
                <td>{!member.active ? t("team.inactive") : member.hasActiveGrant ? t("team.hasAccess") : t("team.waiting")}</td>
                <td className="button-row">
                  {member.active && !member.hasActiveGrant ? (
                    <button type="button" className="button button--primary" onClick={() => grant(member)} disabled={working || !desk}>
                      {t("team.grant")}
                    </button>
                  ) : null}
                  {member.active && !member.isYou ? (
                    <button type="button" className="button" onClick={() => run(() => resetSecondFactorAction(member.id), "team.secondFactorReset")} disabled={working}>
                      {t("team.resetSecondFactor")}
                    </button>
                  ) : null}
                  {member.active && !member.isYou ? (
                    <button type="button" className="button button--danger" onClick={() => run(() => deactivateOperatorAction(member.id), "team.deactivated")} disabled={working}>
                      {t("team.deactivate")}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">{t("team.grantHelp")}</p>

      <h2>{t("team.rotateTitle")}</h2>
      <p>{t("team.rotateIntro")}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={rotate} disabled={working || !desk || !members} data-testid="rotate-desk-key">
          {t("team.rotate")}
        </button>
      </div>

      <h2>{t("team.policeTitle")}</h2>
      <p>{t("team.policeIntro")}</p>
      {policeKey ? (
        <p data-testid="police-key-current">
          {t("team.policeCurrent", { label: policeKey.label, day: policeKey.createdOn })} <code>{policeKey.fingerprint}</code>
        </p>
      ) : (
        <p>{t("team.policeNone")}</p>
      )}
      <form onSubmit={savePoliceKey}>
        <div className="field">
          <label htmlFor="police-public-key">{t("team.policePublicKey")}</label>
          <input id="police-public-key" name="publicKey" required pattern="[A-Za-z0-9_\-]{43}" autoComplete="off" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="police-label">{t("team.policeLabel")}</label>
          <input id="police-label" name="label" required minLength={2} maxLength={120} />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={working}>
            {t("team.policeSave")}
          </button>
        </div>
      </form>
    </section>
  );
}
