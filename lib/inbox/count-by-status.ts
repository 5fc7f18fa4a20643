import { TIP_STATUSES, type TTipStatus } from "@/lib/follow-up/types";
import type { TInboxTip } from "@/lib/inbox/inbox-tip";

/**
 * How many tips have each status, every status present (zero when none). Counts all the
 * tips given, readable or not; a row with a status outside the workflow is not counted.
 */
export function countByStatus(tips: readonly TInboxTip[]): Record<TTipStatus, number> {
  const counts = Object.fromEntries(TIP_STATUSES.map((status) => [status, 0])) as Record<TTipStatus, number>;
  for (const tip of tips) {
    const status = tip.row.status as TTipStatus;
    if (Object.hasOwn(counts, status)) counts[status] += 1;
  }
  return counts;
}
