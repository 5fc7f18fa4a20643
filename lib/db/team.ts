import "server-only";
import { bytes } from "./bytes";
import { getDb } from "./client";
import { insertOperatorRow, type TNewOperator } from "./operators";

export type TTeamMember = { id: string; name: string; role: string; active: boolean; publicKey: Uint8Array; hasActiveGrant: boolean };

/** Every operator with whether they hold a grant of the active desk key. */
export async function listTeam(): Promise<TTeamMember[]> {
  const db = await getDb();
  const rows = await db.operator.findMany({
    select: { id: true, name: true, role: true, active: true, publicKey: true, grants: { select: { deskKey: { select: { active: true } } } } },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    active: row.active,
    publicKey: new Uint8Array(row.publicKey),
    hasActiveGrant: row.grants.some((grant) => grant.deskKey.active),
  }));
}

/**
 * Creates an operator from an invitation in one transaction: consumes the invitation token
 * and inserts the operator (role "operator", no grant yet: an admin's browser adds it).
 * Resolves false, changing nothing, for an unknown, expired or used token or a taken name.
 */
export async function createInvitedOperator(input: TNewOperator & { tokenHash: Uint8Array }): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const consumed = await tx.oneTimeToken.deleteMany({ where: { tokenHash: bytes(input.tokenHash), purpose: "invite", expiresAt: { gt: new Date() } } });
    if (consumed.count !== 1) return false;
    if (await tx.operator.findUnique({ where: { name: input.name }, select: { id: true } })) throw new NameTakenError();
    await insertOperatorRow(tx, input, "operator");
    return true;
  });
}

/** Thrown inside the invitation transaction so that the token is not used up by a taken name. */
export class NameTakenError extends Error {
  override name = "NameTakenError";
}

/**
 * Stores a grant of the active desk key for an active operator that has none. Resolves
 * false, writing nothing, when the desk key is not the active one, the operator is
 * inactive or unknown, or a grant exists already.
 */
export async function insertDeskKeyGrant(input: { operatorId: string; deskKeyId: string; sealed: Uint8Array }): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const desk = await tx.deskKey.findFirst({ where: { id: input.deskKeyId, active: true }, select: { id: true } });
    const operator = await tx.operator.findFirst({ where: { id: input.operatorId, active: true }, select: { id: true } });
    if (!desk || !operator) return false;
    if (await tx.deskKeyGrant.findUnique({ where: { operatorId_deskKeyId: { operatorId: input.operatorId, deskKeyId: input.deskKeyId } }, select: { operatorId: true } })) return false;
    await tx.deskKeyGrant.create({ data: { operatorId: input.operatorId, deskKeyId: input.deskKeyId, sealed: bytes(input.sealed) }, select: { operatorId: true } });
    return true;
  });
}

/**
 * Deactivates an operator: in one transaction, marks them inactive and deletes every grant
 * (their wrapped desk key) and every session. Resolves false when they are unknown, already
 * inactive, or the last active admin (the line would have nobody left to manage it).
 */
export async function deactivateOperator(operatorId: string): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const target = await tx.operator.findFirst({ where: { id: operatorId, active: true }, select: { role: true } });
    if (!target) return false;
    if (target.role === "admin" && (await tx.operator.count({ where: { role: "admin", active: true } })) <= 1) return false;
    await tx.operator.update({ where: { id: operatorId }, data: { active: false }, select: { id: true } });
    await tx.deskKeyGrant.deleteMany({ where: { operatorId } });
    await tx.operatorSession.deleteMany({ where: { operatorId } });
    return true;
  });
}

/** The active operators' ids and names, for assigning tips: nothing else about them. */
export async function listColleagues(): Promise<{ id: string; name: string }[]> {
  const db = await getDb();
  return db.operator.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
