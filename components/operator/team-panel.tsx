"use client";

import { useCallback, useEffect, useState } from "react";
import { deactivateOperatorAction, grantAccessAction, inviteOperatorAction, listTeamAction, type TTeamMemberView } from "@/app/(operator)/operator/actions";
import type { KeyPair } from "@/lib/crypto";
import type { TTranslate } from "@/lib/i18n/translate";

type TMember = TTeamMemberView & { fingerprint: string };

/**
 * The admin's team screen: invite an operator (a one-time link), compare the new
 * operator's key fingerprint and then give access — this browser seals the desk private
 * key to their public key — or deactivate an operator, which deletes their grants and
 * sessions at once.
 */
export function TeamPanel({ desk, t }: { desk: { id: string; keys: KeyPair } | null; t: TTranslate }) {
  const [members, setMembers] = useState<TMember[] | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; key: string } | null>(null);
  const [working, setWorking] = useState(false);

  const load = useCallback(async () => {
    const result = await listTeamAction();
    if (!result.ok) return setMessage({ error: true, key: result.error });
    const crypto = await import("@/lib/crypto");
    setMembers(await Promise.all(result.members.map(async (member) => ({ ...member, fingerprint: await crypto.fingerprintPublicKey(crypto.fromBase64Url(member.publicKey)) }))));
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
    </section>
  );
}
