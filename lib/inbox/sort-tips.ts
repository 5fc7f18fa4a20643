import type { TInboxOrder, TInboxTip } from "@/lib/inbox/inbox-tip";
import { isUrgent } from "@/lib/inbox/is-urgent";

function newestDayFirst(a: TInboxTip, b: TInboxTip): number {
  return a.row.receivedOn < b.row.receivedOn ? 1 : a.row.receivedOn > b.row.receivedOn ? -1 : 0;
}

/**
 * The tips in a new array, sorted. `"newest"`: newest received day first, which is the
 * server's order. `"urgent-first"`: every urgent tip ({@link isUrgent}) above every other,
 * each group newest day first — an urgent tip from last week still waits above today's
 * routine ones. The sort is stable: tips of one day keep the order they came in.
 */
export function sortTips<T extends TInboxTip>(tips: readonly T[], order: TInboxOrder): T[] {
  if (order === "newest") return [...tips].sort(newestDayFirst);
  const urgent = new Map(tips.map((tip) => [tip, isUrgent(tip)]));
  return [...tips].sort((a, b) => Number(urgent.get(b)) - Number(urgent.get(a)) || newestDayFirst(a, b));
}
