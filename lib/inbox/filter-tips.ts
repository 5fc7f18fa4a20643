import type { TInboxFilter, TInboxTip } from "@/lib/inbox/inbox-tip";
import { matchesQuery } from "@/lib/inbox/match-query";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isMinorOrPossiblyMinor(tip: TInboxTip): boolean {
  const content = tip.envelope?.tip;
  return content !== undefined && (content.subject === "minor" || content.possiblyMinor);
}

/**
 * The tips that pass every filter, in the order given (a new array; the input is not
 * changed). Unset, `"all"` and `""` filters pass everything. Filters that need the
 * decrypted tip — subject, channel and a non-blank query — never pass an unreadable tip
 * (envelope `null`): nothing is known about it. `from`/`to` compare received days
 * inclusively; a bound that is not `YYYY-MM-DD` is ignored rather than hiding every tip.
 * The search is {@link matchesQuery}: all terms, case- and diacritic-insensitive.
 */
export function filterTips<T extends TInboxTip>(tips: readonly T[], filter: TInboxFilter): T[] {
  const { status, subject, channel, from, to, query, assignee } = filter;
  return tips.filter((tip) => {
    if (status && status !== "all" && tip.row.status !== status) return false;
    if (subject && subject !== "all") {
      if (!tip.envelope || isMinorOrPossiblyMinor(tip) !== (subject === "minor")) return false;
    }
    if (channel && channel !== "all" && tip.envelope?.channel !== channel) return false;
    if (from && DAY.test(from) && tip.row.receivedOn < from) return false;
    if (to && DAY.test(to) && tip.row.receivedOn > to) return false;
    if (assignee && assignee !== "all" && (tip.row.assignedOperatorId ?? "unassigned") !== assignee) return false;
    return query === undefined || matchesQuery(tip, query);
  });
}
