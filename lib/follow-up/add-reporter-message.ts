import "server-only";
import { generateToken, isPlausibleSealedMessage } from "@/lib/crypto";
import { insertMessage } from "@/lib/db/messages";
import { receivedDay } from "@/lib/tips/received-day";
import { checkTipStatus } from "./check-tip-status";

/**
 * Adds a reporter's answer or addition, already sealed in their browser: one copy to the
 * desk key (for the operators) and one to the reporter's own key (so the thread reads
 * back whole). Resolves false, storing nothing, for an unknown code, a closed tip or a
 * blob that is not a sealed message.
 */
export async function addReporterMessage(input: { lookupToken: Uint8Array; sealedForDesk: Uint8Array; sealedForReporter: Uint8Array }): Promise<boolean> {
  if (!isPlausibleSealedMessage(input.sealedForDesk) || !isPlausibleSealedMessage(input.sealedForReporter)) return false;
  const view = await checkTipStatus(input.lookupToken);
  if (!view || !view.open) return false;
  return insertMessage({
    id: generateToken(16),
    tipId: view.tipId,
    author: "reporter",
    sealedForDesk: input.sealedForDesk,
    sealedForReporter: input.sealedForReporter,
    createdOn: receivedDay(),
  });
}
