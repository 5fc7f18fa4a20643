import "server-only";
import { generateToken, isPlausibleSealedMessage } from "@/lib/crypto";
import { insertNote } from "@/lib/db/notes";
import { receivedDay } from "@/lib/tips/received-day";

/**
 * Adds an internal note, sealed to the desk key in the operator's browser. False, storing
 * nothing, for an unknown tip or a blob that is not a sealed message.
 */
export async function addTipNote(input: { tipId: string; sealed: Uint8Array }): Promise<boolean> {
  if (!isPlausibleSealedMessage(input.sealed)) return false;
  return insertNote({ id: generateToken(16), tipId: input.tipId, sealed: input.sealed, createdOn: receivedDay() });
}
