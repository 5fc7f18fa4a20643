import "server-only";
import { bytes } from "./bytes";
import { getDb } from "./client";

export type TMessageAuthor = "desk" | "reporter";
export type TStoredMessage = {
  id: string;
  seq: number;
  author: TMessageAuthor;
  sealedForReporter: Uint8Array;
  sealedForDesk: Uint8Array;
  createdOn: string;
  readByDesk: boolean;
};

/**
 * Appends a sealed message to a tip's thread, numbered after the last one, in one
 * transaction. Resolves false (writing nothing) when the tip does not exist.
 */
export async function insertMessage(input: {
  id: string;
  tipId: string;
  author: TMessageAuthor;
  sealedForReporter: Uint8Array;
  sealedForDesk: Uint8Array;
  createdOn: string;
}): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const tip = await tx.tip.findUnique({ where: { id: input.tipId }, select: { id: true } });
    if (!tip) return false;
    const last = await tx.message.findFirst({ where: { tipId: input.tipId }, select: { seq: true }, orderBy: { seq: "desc" } });
    await tx.message.create({
      data: {
        id: input.id,
        tipId: input.tipId,
        seq: (last?.seq ?? 0) + 1,
        author: input.author,
        sealedForReporter: bytes(input.sealedForReporter),
        sealedForDesk: bytes(input.sealedForDesk),
        createdOn: input.createdOn,
        // The desk's own questions need no unread marker.
        readByDesk: input.author === "desk",
      },
      select: { id: true },
    });
    return true;
  });
}

/** A tip's thread in order. */
export async function listMessages(tipId: string): Promise<TStoredMessage[]> {
  const db = await getDb();
  const rows = await db.message.findMany({
    where: { tipId },
    select: { id: true, seq: true, author: true, sealedForReporter: true, sealedForDesk: true, createdOn: true, readByDesk: true },
    orderBy: { seq: "asc" },
  });
  return rows.map((row) => ({
    ...row,
    author: row.author === "desk" ? "desk" : "reporter",
    sealedForReporter: new Uint8Array(row.sealedForReporter),
    sealedForDesk: new Uint8Array(row.sealedForDesk),
  }));
}

/** Marks the reporter's messages of a tip as read by the desk. */
export async function markReporterMessagesRead(tipId: string): Promise<void> {
  const db = await getDb();
  await db.message.updateMany({ where: { tipId, author: "reporter", readByDesk: false }, data: { readByDesk: true } });
}

/** Unread reporter messages for these tips, by tip id (tips without any are left out). */
export async function countUnreadByTip(tipIds: readonly string[]): Promise<Map<string, number>> {
  const db = await getDb();
  const groups = await db.message.groupBy({
    by: ["tipId"],
    where: { author: "reporter", readByDesk: false, tipId: { in: [...tipIds] } },
    _count: { _all: true },
  });
  return new Map(groups.map((group) => [group.tipId, group._count._all]));
}
