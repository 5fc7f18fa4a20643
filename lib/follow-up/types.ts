/** The statuses a reporter sees (FIELDS.md: ontvangen · in behandeling · doorgestuurd naar de politie · afgesloten). */
export const TIP_STATUSES = ["received", "in_progress", "forwarded", "closed"] as const;
export type TTipStatus = (typeof TIP_STATUSES)[number];

/** Longest answer or question, in characters; sealed messages are padded to buckets anyway. */
export const MAX_MESSAGE_CHARS = 5000;

/** A thread message as the server hands it to the reporter's browser: sealed to the reporter. */
export type TSealedThreadItem = { id: string; author: "desk" | "reporter"; createdOn: string; sealedForReporter: string };

/** What a reporter may know about their tip. */
export type TReporterView<TItem> = { status: TTipStatus; changedOn: string; open: boolean; messages: TItem[] };
