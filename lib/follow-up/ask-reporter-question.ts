import "server-only";
import { generateToken, isPlausibleSealedMessage } from "@/lib/crypto";
import { insertMessage } from "@/lib/db/messages";
import { receivedDay } from "@/lib/tips/received-day";

/**
 * Adds an operator's question to a tip's thread, sealed in the operator's browser to the
 * reporter's public key (from the opened tip) and to the desk key. False, storing
 * nothing, for an unknown tip or blobs that are not sealed messages.
 */
export async function askReporterQuestion(input: { tipId: string; sealedForReporter: Uint8Array; sealedForDesk: Uint8Array }): Promise<boolean> {
  if (!isPlausibleSealedMessage(input.sealedForDesk) || !isPlausibleSealedMessage(input.sealedForReporter)) return false;
  return insertMessage({
    id: generateToken(16),
    tipId: input.tipId,
    author: "desk",
    sealedForReporter: input.sealedForReporter,
    sealedForDesk: input.sealedForDesk,
    createdOn: receivedDay(),
  });
}
