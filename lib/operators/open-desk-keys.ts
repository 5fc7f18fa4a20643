import { unwrapDeskKey, type TKeyPair } from "@/lib/crypto";

/** An operator's desk-key material from a login, as bytes: their grants and the rotation chain. */
export type TDeskKeyMaterial = {
  grants: { deskKeyId: string; deskPublicKey: Uint8Array; sealed: Uint8Array; active: boolean }[];
  predecessors: { deskKeyId: string; deskPublicKey: Uint8Array; successorId: string; sealedUnderSuccessor: Uint8Array }[];
};

/**
 * Opens, with an operator's key pair, every desk key they may hold: the desk keys of their
 * grants, then each key a rotation retired, through its seal under the key that replaced
 * it. Returns the keys with the active one first. A link of the chain that does not open
 * leaves the keys before it out; the rest still open. The caller wipes the operator's
 * private key afterwards.
 */
export async function openDeskKeys(operatorKeys: TKeyPair, material: TDeskKeyMaterial): Promise<{ deskKeys: TKeyPair[]; active: { id: string; keys: TKeyPair } | null }> {
  const byId = new Map<string, TKeyPair>();
  for (const grant of material.grants) byId.set(grant.deskKeyId, await unwrapDeskKey(operatorKeys, grant.sealed, grant.deskPublicKey));
  for (let progress = true; progress; ) {
    progress = false;
    for (const older of material.predecessors) {
      const successor = byId.get(older.successorId);
      if (byId.has(older.deskKeyId) || !successor) continue;
      try {
        byId.set(older.deskKeyId, await unwrapDeskKey(successor, older.sealedUnderSuccessor, older.deskPublicKey));
        progress = true;
      } catch {
        // This link does not open: the keys before it stay out.
      }
    }
  }
  const activeId = material.grants.find((grant) => grant.active)?.deskKeyId;
  const activeKeys = activeId === undefined ? undefined : byId.get(activeId);
  const others = [...byId.entries()].filter(([id]) => id !== activeId).map(([, pair]) => pair);
  return { deskKeys: activeKeys ? [activeKeys, ...others] : others, active: activeId !== undefined && activeKeys ? { id: activeId, keys: activeKeys } : null };
}
