import { ACUTE_SIGNALS } from "@/lib/inbox/acute-signals";
import type { TInboxTip } from "@/lib/inbox/inbox-tip";

const ACUTE: ReadonlySet<string> = new Set(ACUTE_SIGNALS);

/**
 * Whether a tip stands out in the inbox: it is about a minor or a possible minor, or it
 * carries one of the {@link ACUTE_SIGNALS}. An unreadable tip (envelope `null`) is not
 * urgent: nothing is known about it, and it shows as unreadable anyway.
 */
export function isUrgent(tip: TInboxTip): boolean {
  const content = tip.envelope?.tip;
  if (!content) return false;
  return content.subject === "minor" || content.possiblyMinor || content.signals.some((id) => ACUTE.has(id));
}
