"use client";

import { useDeferredValue, useMemo, useState } from "react";
import type { TSealedTipRow } from "@/app/(operator)/operator/actions";
import { TIP_STATUSES } from "@/lib/follow-up/types";
import type { TTranslate } from "@/lib/i18n/translate";
import { countByStatus } from "@/lib/inbox/count-by-status";
import { filterTips } from "@/lib/inbox/filter-tips";
import { INBOX_ORDERS, type TInboxFilter, type TInboxOrder } from "@/lib/inbox/inbox-tip";
import { isUrgent } from "@/lib/inbox/is-urgent";
import { sortTips } from "@/lib/inbox/sort-tips";
import { TIP_CHANNELS, type TTipEnvelope } from "@/lib/tips/tip-schema";

/** A tip as the operator's tab holds it: the row's metadata (the sealed blob is let go once opened) and its envelope. */
export type TOpenedTip = { row: Omit<TSealedTipRow, "sealed">; envelope: TTipEnvelope | null };

type TFilterState = Required<TInboxFilter>;

/** Rows drawn at once; "Toon meer" adds as many again. */
const INBOX_PAGE_ROWS = 200;

const NO_FILTER: TFilterState = { status: "all", subject: "all", channel: "all", from: "", to: "", query: "", assignee: "all" };
const STATUS_OPTIONS = ["all", ...TIP_STATUSES] as const;
const SUBJECT_OPTIONS = ["all", "adult", "minor"] as const;
const CHANNEL_OPTIONS = ["all", ...TIP_CHANNELS] as const;

/** `value` when it is one of `options`, else `fallback`: a select's value narrowed to its type. */
function oneOf<T extends string>(options: readonly T[], value: string, fallback: T): T {
  return (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * The inbox: every tip, decrypted in this tab, with filters (status with counts, subject,
 * channel, received days) and a search over the decrypted content. Minors and possible
 * minors are marked, and tips that stand out (minors, signals of acute danger) carry an
 * "urgent" badge. The filters and the search text live in this component's state only:
 * never in storage or the URL, because the search text is decrypted content.
 */
export function InboxList({
  tips,
  colleagues,
  t,
  onOpen,
}: {
  tips: readonly TOpenedTip[];
  colleagues: readonly { id: string; name: string }[];
  t: TTranslate;
  onOpen: (tip: TOpenedTip) => void;
}) {
  const names = new Map(colleagues.map((colleague) => [colleague.id, colleague.name]));
  const [filter, setFilter] = useState<TFilterState>(NO_FILTER);
  const [order, setOrder] = useState<TInboxOrder>("newest");
  // Every tip is decrypted and filtered in the tab; only the first rows are drawn, so that a
  // large inbox stays quick to open and to filter.
  const [limit, setLimit] = useState(INBOX_PAGE_ROWS);
  // Typing stays responsive while the list catches up.
  const query = useDeferredValue(filter.query);
  const counts = useMemo(() => countByStatus(tips), [tips]);
  const shown = useMemo(() => sortTips(filterTips(tips, { ...filter, query }), order), [tips, filter, query, order]);

  if (tips.length === 0) return <p>{t("inbox.empty")}</p>;
  const unreadTotal = tips.reduce((sum, item) => sum + item.row.unread, 0);
  const filtered =
    filter.status !== "all" || filter.subject !== "all" || filter.channel !== "all" || filter.from !== "" || filter.to !== "" || filter.query.trim() !== "" || filter.assignee !== "all";
  const update = (change: Partial<TFilterState>) => setFilter((current) => ({ ...current, ...change }));

  return (
    <>
      <fieldset className="inbox-filters">
        <legend>{t("inbox.filters.legend")}</legend>
        <div className="columns">
          <div className="field">
            <label htmlFor="inbox-filter-status">{t("inbox.status")}</label>
            <select
              id="inbox-filter-status"
              value={filter.status}
              onChange={(event) => update({ status: oneOf(STATUS_OPTIONS, event.target.value, "all") })}
            >
              <option value="all">{t("inbox.filters.optionCount", { label: t("inbox.filters.allStatuses"), count: tips.length })}</option>
              {TIP_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t("inbox.filters.optionCount", { label: t(`status.${status}`), count: counts[status] })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="inbox-filter-subject">{t("inbox.subject")}</label>
            <select id="inbox-filter-subject" value={filter.subject} onChange={(event) => update({ subject: oneOf(SUBJECT_OPTIONS, event.target.value, "all") })}>
              <option value="all">{t("inbox.filters.allSubjects")}</option>
              <option value="adult">{t("inbox.filters.adult")}</option>
              <option value="minor">{t("inbox.filters.minor")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="inbox-filter-channel">{t("inbox.channel")}</label>
            <select
              id="inbox-filter-channel"
              value={filter.channel}
              onChange={(event) => update({ channel: oneOf(CHANNEL_OPTIONS, event.target.value, "all") })}
            >
              <option value="all">{t("inbox.filters.allChannels")}</option>
              {TIP_CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`channel.${channel}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="inbox-filter-from">{t("inbox.filters.from")}</label>
            <input id="inbox-filter-from" type="date" value={filter.from} max={filter.to || undefined} onChange={(event) => update({ from: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="inbox-filter-to">{t("inbox.filters.to")}</label>
            <input id="inbox-filter-to" type="date" value={filter.to} min={filter.from || undefined} onChange={(event) => update({ to: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="inbox-filter-assignee">{t("inbox.filters.assignee")}</label>
            <select id="inbox-filter-assignee" value={filter.assignee} onChange={(event) => update({ assignee: event.target.value })}>
              <option value="all">{t("inbox.filters.allAssignees")}</option>
              <option value="unassigned">{t("inbox.filters.unassigned")}</option>
              {colleagues.map((colleague) => (
                <option key={colleague.id} value={colleague.id}>
                  {colleague.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="inbox-filter-order">{t("inbox.filters.order")}</label>
            <select id="inbox-filter-order" value={order} onChange={(event) => setOrder(oneOf(INBOX_ORDERS, event.target.value, "newest"))}>
              <option value="newest">{t("inbox.filters.newest")}</option>
              <option value="urgent-first">{t("inbox.filters.urgentFirst")}</option>
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="inbox-filter-query">{t("inbox.filters.query")}</label>
          <span className="help" id="inbox-filter-query-help">
            {t("inbox.filters.queryHelp")}
          </span>
          {/* No name and no form submit: the browser keeps no history of it. No spellcheck:
              some browsers send checked text to an online service. */}
          <input
            id="inbox-filter-query"
            type="search"
            value={filter.query}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="inbox-filter-query-help"
            onChange={(event) => update({ query: event.target.value })}
          />
        </div>
        {filtered ? (
          <button type="button" className="button" onClick={() => setFilter(NO_FILTER)}>
            {t("inbox.filters.reset")}
          </button>
        ) : null}
      </fieldset>
      <p aria-live="polite" data-testid="inbox-count">
        {filtered ? t("inbox.shown", { shown: shown.length, count: tips.length }) : t("inbox.count", { count: tips.length })}
        {unreadTotal > 0 ? ` · ${t("inbox.unreadTotal", { count: unreadTotal })}` : ""}
      </p>
      {shown.length === 0 ? (
        <p>{t("inbox.noMatches")}</p>
      ) : (
        <table className="inbox">
          <thead>
            <tr>
              <th scope="col">{t("inbox.received")}</th>
              <th scope="col">{t("inbox.subject")}</th>
              <th scope="col">{t("inbox.channel")}</th>
              <th scope="col">{t("inbox.status")}</th>
              <th scope="col">{t("inbox.assignee")}</th>
              <th scope="col">{t("inbox.messages")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("inbox.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, limit).map((item) => {
              const tip = item.envelope?.tip;
              const minor = tip && (tip.subject === "minor" || tip.possiblyMinor);
              const urgent = isUrgent(item);
              return (
                <tr key={item.row.id} data-testid="inbox-row" className={urgent ? "inbox-row--urgent" : undefined}>
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
                    {urgent ? (
                      <>
                        {" "}
                        <span className="badge badge--urgent" title={t("inbox.urgentHelp")} data-testid="urgent">
                          {t("inbox.urgent")}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>{item.envelope ? t(`channel.${item.envelope.channel}`) : null}</td>
                  <td>{t(`status.${item.row.status}`)}</td>
                  <td data-testid="assignee">{item.row.assignedOperatorId ? (names.get(item.row.assignedOperatorId) ?? "—") : "—"}</td>
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
      )}
      {shown.length > limit ? (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setLimit(limit + INBOX_PAGE_ROWS)} data-testid="inbox-more">
            {t("inbox.showMore", { shown: limit, count: shown.length })}
          </button>
        </div>
      ) : null}
    </>
  );
}
