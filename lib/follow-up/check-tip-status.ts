import "server-only";
import { hashLookupToken, toBase64Url } from "@/lib/crypto";
import { listMessages } from "@/lib/db/messages";
import { findTipByLookupHash } from "@/lib/db/tips";
import { getServerKey } from "@/lib/server-keys";
import { TIP_STATUSES, type TReporterView, type TSealedThreadItem, type TTipStatus } from "./types";

/**
 * The reporter's view of their tip, found by the keyed hash of the lookup token derived
 * from their receipt code: status, day of the last change, whether it still takes
 * answers, and the thread sealed to the reporter's key (the server cannot read it).
 * Null when no tip has this token: a wrong code and a deleted tip are the same null.
 */
export async function checkTipStatus(lookupToken: Uint8Array): Promise<(TReporterView<TSealedThreadItem> & { tipId: string }) | null> {
  if (lookupToken.length !== 32) return null;
  const tip = await findTipByLookupHash(await hashLookupToken(lookupToken, getServerKey("receipt-lookup")));
  if (!tip) return null;
  const status: TTipStatus = (TIP_STATUSES as readonly string[]).includes(tip.status) ? (tip.status as TTipStatus) : "received";
  const messages = await listMessages(tip.id);
  return {
    tipId: tip.id,
    status,
    changedOn: tip.statusChangedOn ?? tip.receivedOn,
    open: status !== "closed",
    messages: messages.map((message) => ({
      id: message.id,
      author: message.author,
      createdOn: message.createdOn,
      sealedForReporter: toBase64Url(message.sealedForReporter),
    })),
  };
}
