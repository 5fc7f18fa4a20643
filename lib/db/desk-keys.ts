import "server-only";
import { getDb } from "./client";

/** The desk key that new tips are sealed to, or null before first-run setup. */
export async function findActiveDeskKey(): Promise<{ id: string; publicKey: Uint8Array } | null> {
  const db = await getDb();
  const row = await db.deskKey.findFirst({
    where: { active: true },
    select: { id: true, publicKey: true },
    orderBy: { createdAt: "desc" },
  });
  return row ? { id: row.id, publicKey: new Uint8Array(row.publicKey) } : null;
}
