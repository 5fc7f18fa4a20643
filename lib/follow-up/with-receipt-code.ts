import "server-only";
import { fromBase64Url, normaliseReceiptCode, openMessage, sealMessage } from "@/lib/crypto";
import { deriveReporterKeysOnServer } from "@/lib/crypto/server";
import { findActiveDeskKey } from "@/lib/db/desk-keys";
import { addReporterMessage } from "./add-reporter-message";
import { checkTipStatus } from "./check-tip-status";
import type { TReporterView } from "./types";

export type TOpenThreadItem = { id: string; author: "desk" | "reporter"; createdOn: string; text: string };

// The no-JavaScript path. The server derives the reporter's keys from the receipt code
// for the length of one request, opens or seals, and keeps nothing: not the code, not
// the keys, not the text.

/**
 * The reporter's view with the thread opened, for a browser that cannot run the crypto.
 * Null for a malformed code, a wrong code or a deleted tip alike.
 */
export async function openTipStatusWithCode(code: string): Promise<TReporterView<TOpenThreadItem> | null> {
  const canonical = normaliseReceiptCode(code);
  if (!canonical) return null;
  const reporter = await deriveReporterKeysOnServer(canonical);
  try {
    const view = await checkTipStatus(reporter.lookupToken);
    if (!view) return null;
    const messages: TOpenThreadItem[] = [];
    for (const message of view.messages) {
      const text = await openMessage(reporter, fromBase64Url(message.sealedForReporter)).catch(() => null);
      if (text !== null) messages.push({ id: message.id, author: message.author, createdOn: message.createdOn, text });
    }
    return { status: view.status, changedOn: view.changedOn, open: view.open, messages };
  } finally {
    reporter.privateKey.fill(0);
  }
}

/**
 * Seals a reporter's answer for the desk and for the reporter, and stores it. False for a
 * malformed or wrong code, a closed tip, or before setup; nothing is stored then.
 */
export async function addReporterMessageWithCode(code: string, text: string): Promise<boolean> {
  const canonical = normaliseReceiptCode(code);
  const desk = await findActiveDeskKey();
  if (!canonical || !desk) return false;
  const reporter = await deriveReporterKeysOnServer(canonical);
  try {
    return await addReporterMessage({
      lookupToken: reporter.lookupToken,
      sealedForDesk: await sealMessage(desk.publicKey, text),
      sealedForReporter: await sealMessage(reporter.publicKey, text),
    });
  } finally {
    reporter.privateKey.fill(0);
  }
}
