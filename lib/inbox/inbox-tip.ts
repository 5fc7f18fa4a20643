import type { TTipStatus } from "@/lib/follow-up/types";
import type { TIP_CHANNELS, TTip } from "@/lib/tips/tip-schema";

export type TTipChannel = (typeof TIP_CHANNELS)[number];

/**
 * What the inbox needs of a tip the operator's tab has opened: the sealed row's metadata
 * and, when the tab could decrypt it, the envelope's channel and tip (`null`: unreadable).
 * The operator desk's `TOpenedTip` fits this shape.
 */
export type TInboxTip = {
  readonly row: { readonly status: string; readonly receivedOn: string; readonly assignedOperatorId?: string | null };
  readonly envelope: { readonly channel: TTipChannel; readonly tip: TTip } | null;
};

/**
 * The inbox filters; a missing field, `"all"` or `""` means "no filter". `subject:
 * "minor"` includes adult tips about a possible minor, `"adult"` excludes them. `from` and
 * `to` are received days (`YYYY-MM-DD`, inclusive). `query` is searched in the decrypted
 * tip: it lives in the tab's memory only, never in storage or a URL. `assignee` is an
 * operator's id, or `"unassigned"`.
 */
export type TInboxFilter = {
  status?: TTipStatus | "all";
  subject?: "adult" | "minor" | "all";
  channel?: TTipChannel | "all";
  from?: string;
  to?: string;
  query?: string;
  /** `"unassigned"`: nobody has taken the tip on; otherwise an operator's id. */
  assignee?: string;
};

/** The orders the inbox offers: the server's (newest day first), or urgent tips on top. */
export const INBOX_ORDERS = ["newest", "urgent-first"] as const;
export type TInboxOrder = (typeof INBOX_ORDERS)[number];
