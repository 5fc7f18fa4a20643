import "server-only";
import { bytes } from "./bytes";
import { getDb } from "./client";

/** Stores the keyed hash of a one-time token (setup link, later invitations). */
export async function insertOneTimeToken(input: { tokenHash: Uint8Array; purpose: string; expiresAt: Date }): Promise<void> {
  const db = await getDb();
  await db.oneTimeToken.create({ data: { ...input, tokenHash: bytes(input.tokenHash) }, select: { purpose: true } });
}

/** Whether an unexpired token with this hash and purpose exists (without consuming it). */
export async function isOneTimeTokenValid(tokenHash: Uint8Array, purpose: string): Promise<boolean> {
  const db = await getDb();
  const row = await db.oneTimeToken.findFirst({ where: { tokenHash: bytes(tokenHash), purpose, expiresAt: { gt: new Date() } }, select: { purpose: true } });
  return row !== null;
}

/** Removes every token of a purpose (a new setup link replaces older ones). */
export async function deleteOneTimeTokens(purpose: string): Promise<void> {
  const db = await getDb();
  await db.oneTimeToken.deleteMany({ where: { purpose } });
}
