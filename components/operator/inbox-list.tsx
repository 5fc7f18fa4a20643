"use client";

import type { TSealedTipRow } from "@/app/(operator)/operator/actions";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TTipEnvelope } from "@/lib/tips/tip-schema";

/** A tip as the operator's tab holds it: the sealed row's metadata and, once opened, its envelope. */
export type TOpenedTip = { row: TSealedTipRow; envelope: TTipEnvelope | null };

/** The inbox: every tip, decrypted in this tab, minors and possible minors marked. */
export function InboxList({ tips, t, onOpen }: { tips: readonly TOpenedTip[]; t: TTranslate; onOpen: (tip: TOpenedTip) => void }) {
  if (tips.length === 0) return <p>{t("inbox.empty")}</p>;
  const unreadTotal = tips.reduce((sum, item) => sum + item.row.unread, 0);
  return (
    <>
      <p>
        {t("inbox.count", { count: tips.length })}
        {unreadTotal > 0 ? ` · ${t("inbox.unreadTotal", { count: unreadTotal })}` : ""}
      </p>
      <table className="inbox">
        <thead>
          <tr>
            <th scope="col">{t("inbox.received")}</th>
            <th scope="col">{t("inbox.subject")}</th>
            <th scope="col">{t("inbox.status")}</th>
            <th scope="col">{t("inbox.messages")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("inbox.open")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tips.map((item) => {
            const tip = item.envelope?.tip;
            const minor = tip && (tip.subject === "minor" || tip.possiblyMinor);
            return (
              <tr key={item.row.id} data-testid="inbox-row">
                <td>{item.row.receivedOn}</td>
                <td>
                  {tip ? (
                    <span className={minor ? "badge badge--minor" : "badge"}>
                      {t(`subject.${tip.subject}`)}
                      {tip.subject === "adult" && tip.possiblyMinor ? ` (${t("inbox.possiblyMinor")})` : ""}
                    </span>
                  ) : (
                    t("inbox.unreadable")
                  )}
                </td>
                <td>{t(`status.${item.row.status}`)}</td>
                <td>
                  {item.row.unread > 0 ? (
                    <span className="unread" data-testid="unread">
                      {t("inbox.unread", { count: item.row.unread })}
                    </span>
                  ) : null}
                </td>
                <td>
                  <button type="button" className="button" onClick={() => onOpen(item)}>
                    {t("inbox.open")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
