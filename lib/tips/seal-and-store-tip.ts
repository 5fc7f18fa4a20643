import "server-only";
import { generateReceiptCode, sealTip, toBase64Url } from "@/lib/crypto";
import { deriveReporterKeysOnServer } from "@/lib/crypto/server";
import { findActiveDeskKey } from "@/lib/db/desk-keys";
import { storeSealedTip } from "./store-sealed-tip";
import type { TTip, TTipEnvelope } from "./tip-schema";

export class TipLineNotReadyError extends Error {
  override name = "TipLineNotReadyError";
}

/**
 * The server-side sealing path, for reporters without JavaScript or WebAssembly: seals a
 * validated tip to the desk key in memory, before anything is written, then stores it.
 * The receipt code is generated here (80 bits, CSPRNG), or chosen earlier by the same
 * path (a pending receipt); the reporter's key pair and lookup token are derived from it
 * with Argon2id and the code itself is never stored. Sending the same code again stores
 * nothing new and returns the same code.
 * Returns the code only after the commit. Throws TipLineNotReadyError before first-run
 * setup, or the database's error; nothing is stored then.
 */
export async function sealAndStoreTip(tip: TTip, channel: TTipEnvelope["channel"] = "web", chosenCode?: string): Promise<{ receiptCode: string }> {
  const desk = await findActiveDeskKey();
  if (!desk) throw new TipLineNotReadyError("no desk key");
  const receiptCode = chosenCode ?? generateReceiptCode();
  const reporter = await deriveReporterKeysOnServer(receiptCode);
  const envelope: TTipEnvelope = { v: 1, channel, tip, reporterPublicKey: toBase64Url(reporter.publicKey) };
  const sealed = await sealTip(desk.publicKey, envelope);
  reporter.privateKey.fill(0);
  await storeSealedTip({ sealed, lookupToken: reporter.lookupToken });
  return { receiptCode };
}
