import "server-only";
import { bytes } from "./bytes";
import { getDb } from "./client";

export type TNoteKind = "note" | "close-reason";
export type TStoredNote = { id: string; seq: number; kind: TNoteKind; sealed: Uint8Array; createdOn: string };

/** A tip's internal notes, in order. */
export async function listNotes(tipId: string): Promise<TStoredNote[]> {
  const db = await getDb();
  const rows = await db.note.findMany({ where: { tipId }, select: { id: true, seq: true, kind: true, sealed: true, createdOn: true }, orderBy: { seq: "asc" } });
  return rows.map((row) => ({ ...row, kind: row.kind === "close-reason" ? "close-reason" : "note", sealed: new Uint8Array(row.sealed) }));
}

type TTx = Parameters<Parameters<Awaited<ReturnType<typeof getDb>>["$transaction"]>[0]>[0];

async function appendNote(tx: TTx, input: { id: string; tipId: string; kind: TNoteKind; sealed: Uint8Array; createdOn: string }) {
  const last = await tx.note.findFirst({ where: { tipId: input.tipId }, select: { seq: true }, orderBy: { seq: "desc" } });
  await tx.note.create({ data: { ...input, sealed: bytes(input.sealed), seq: (last?.seq ?? 0) + 1 }, select: { id: true } });
}

/** Appends a sealed note to a tip. Resolves false, writing nothing, when the tip does not exist. */
export async function insertNote(input: { id: string; tipId: string; sealed: Uint8Array; createdOn: string }): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if (!(await tx.tip.findUnique({ where: { id: input.tipId }, select: { id: true } }))) return false;
    await appendNote(tx, { ...input, kind: "note" });
    return true;
  });
}

/**
 * Moves a tip from status `from` to `to` and records the day, in one transaction with the
 * closing reason when there is one. Resolves false, changing nothing, when the tip is gone
 * or no longer in `from` (another operator moved it first).
 */
export async function updateTipStatus(input: {
  tipId: string;
  from: string;
  to: string;
  day: string;
  reason?: { id: string; sealed: Uint8Array };
}): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const moved = await tx.tip.updateMany({ where: { id: input.tipId, status: input.from }, data: { status: input.to, statusChangedOn: input.day } });
    if (moved.count !== 1) return false;
    if (input.reason) await appendNote(tx, { id: input.reason.id, tipId: input.tipId, kind: "close-reason", sealed: input.reason.sealed, createdOn: input.day });
    return true;
  });
}
