import { TIP_STATUSES, type TTipStatus } from "@/lib/follow-up/types";

/**
 * The status workflow: ontvangen → in behandeling → doorgestuurd naar de politie →
 * afgesloten. A tip can be closed from any open status (with a reason); a forwarded tip
 * can go back to "in behandeling" when the police ask for more; a closed tip stays closed.
 */
export const TIP_STATUS_TRANSITIONS: Record<TTipStatus, readonly TTipStatus[]> = {
  received: ["in_progress", "closed"],
  in_progress: ["forwarded", "closed"],
  forwarded: ["in_progress", "closed"],
  closed: [],
};

/** True when `value` is one of the four statuses. */
export function isTipStatus(value: unknown): value is TTipStatus {
  return typeof value === "string" && (TIP_STATUSES as readonly string[]).includes(value);
}

/** Whether the workflow allows moving a tip from `from` to `to`. */
export function canMoveTip(from: TTipStatus, to: TTipStatus): boolean {
  return TIP_STATUS_TRANSITIONS[from].includes(to);
}
