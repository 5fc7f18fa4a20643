import "server-only";
import { createHmac } from "node:crypto";
import { findOperatorCredentials } from "@/lib/db/operators";
import { getServerKey } from "@/lib/server-keys";

/**
 * The Argon2id salt for `name`'s passphrase. For a name that does not exist it returns a
 * stable fake salt (keyed hash of the name), so the answer does not reveal which
 * operator names exist.
 */
export async function getLoginSalt(name: string): Promise<Uint8Array> {
  const operator = await findOperatorCredentials(name);
  if (operator?.active) return operator.kdfSalt;
  return new Uint8Array(createHmac("sha256", getServerKey("unknown-operator-salt")).update(name, "utf8").digest().subarray(0, 16));
}
