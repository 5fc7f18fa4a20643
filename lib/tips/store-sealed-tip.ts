import "server-only";
import { generateToken, hashLookupToken, isPlausibleSealedTip } from "@/lib/crypto";
import { insertTip } from "@/lib/db/tips";
import { getServerKey } from "@/lib/server-keys";
import { receivedDay } from "./received-day";

export class RejectedTipError extends Error {
  override name = "RejectedTipError";
}

/**
 * Stores a tip that is already sealed to the desk key, with the keyed hash of the
 * reporter's lookup token and today's date (no time). The server cannot read the tip;
 * it only checks that the blob has one of the padded lengths a real sealed tip has.
 * Resolves after the commit, or at once when this lookup token's tip is already stored
 * (a retry: stored once, same receipt). Throws RejectedTipError for a malformed blob or
 * token (and writes nothing), or the database's error when the write fails.
 */
export async function storeSealedTip(input: { sealed: Uint8Array; lookupToken: Uint8Array }): Promise<void> {
  if (!isPlausibleSealedTip(input.sealed)) throw new RejectedTipError("not a sealed tip");
  if (input.lookupToken.length !== 32) throw new RejectedTipError("lookup token must be 32 bytes");
  await insertTip({
    id: generateToken(16),
    sealed: input.sealed,
    receivedOn: receivedDay(),
    lookupHash: await hashLookupToken(input.lookupToken, getServerKey("receipt-lookup")),
  });
}
