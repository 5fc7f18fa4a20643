import "server-only";
import { deleteOperatorSession, findOperatorBySession } from "@/lib/db/sessions";
import { hashBearerToken } from "@/lib/server-keys";
import { SESSION_IDLE_MS } from "./session-policy";

export const SESSION_COOKIE = "tipline_operator";
export { SESSION_IDLE_MS };

/** The operator behind a session cookie value; null for none, an unknown, expired or deactivated one. */
export async function getOperatorSession(token: string | undefined): Promise<{ operatorId: string; role: string } | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return findOperatorBySession(hashBearerToken(token, "operator-session"), SESSION_IDLE_MS);
}

/** Ends the session behind a cookie value; a no-op for anything else. */
export async function endOperatorSession(token: string | undefined): Promise<void> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return;
  await deleteOperatorSession(hashBearerToken(token, "operator-session"));
}
