import type { TSignalId } from "@/lib/tips/signals";

/**
 * The signals that point to acute danger: violence, fear or deprivation of liberty
 * *now*, as opposed to working conditions and behaviour that the brochure asks to weigh
 * over a longer time ("Meld het als je voor langere tijd meerdere van dit soort signalen
 * ziet"). A tip with any of these stands out in the inbox. Kept short on purpose: when
 * most tips stand out, none does.
 *
 * In:
 * - `visible-injuries` — physical violence that has already happened and can happen again.
 * - `under-pressure` — "erg onder druk staat (angstig)": fear of someone, today.
 * - `controlling-pimp` — a pimp in continuous control: coercion that is going on.
 * - `no-passport` — her papers taken: she cannot leave or seek help as herself.
 * - `no-address-no-key` — does not know where she lives and has no key: locked in.
 * - `physical-problems` — a minor with injuries, STIs, pregnancy or repeated A&E visits.
 * - `afraid-of-boyfriend` — a minor afraid of the "boyfriend", the loverboy's hold.
 *
 * Left out, though serious: `cannot-refuse-clients`, `hands-over-money`, `blackmailable`,
 * `extreme-hours` and the like describe how she is exploited, which nearly every tip
 * does, not a danger of this week. The two minor signals never change {@link isUrgent}
 * today (every minor tip stands out), but they name the danger should minor tips ever be
 * told apart.
 */
export const ACUTE_SIGNALS = [
  "visible-injuries",
  "under-pressure",
  "controlling-pimp",
  "no-passport",
  "no-address-no-key",
  "physical-problems",
  "afraid-of-boyfriend",
] as const satisfies readonly TSignalId[];

export type TAcuteSignal = (typeof ACUTE_SIGNALS)[number];
