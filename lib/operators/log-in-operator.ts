import "server-only";
import { fromBase64Url, generateToken, verifyAuthKey } from "@/lib/crypto";
import { findOperatorCredentials, findOperatorKeyMaterial, type TOperatorKeyMaterial } from "@/lib/db/operators";
import { insertOperatorSession } from "@/lib/db/sessions";
import { admitLoginAttempt, recordLoginFailure } from "@/lib/rate-limit/login-attempts";
import { getServerKey, hashBearerToken } from "@/lib/server-keys";
import type { TLogin } from "./validation";

export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

// Compared against when the name is unknown, so both paths do the same work.
const DUMMY_VERIFIER = new Uint8Array(32);

/**
 * Checks an operator's auth key against the stored keyed hash. On success creates a
 * session (only the token's keyed hash is stored) and returns the token with the wrapped
 * key material the browser unwraps with the passphrase. Null for an unknown name, a wrong
 * passphrase or a deactivated operator alike; each such failure counts against the name,
 * with growing delays, and throws LoginLockedError once the name is locked for the window.
 */
export async function logInOperator(input: TLogin, now: Date = new Date()): Promise<{ sessionToken: string; keys: TOperatorKeyMaterial } | null> {
  const { delayMs } = await admitLoginAttempt(input.name, now);
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const operator = await findOperatorCredentials(input.name);
  const valid = await verifyAuthKey(fromBase64Url(input.authKey), operator?.authVerifier ?? DUMMY_VERIFIER, getServerKey("operator-auth"));
  if (!operator || !operator.active || !valid) {
    await recordLoginFailure(input.name, now);
    return null;
  }
  const keys = await findOperatorKeyMaterial(operator.id);
  if (!keys) return null;
  const sessionToken = generateToken(32);
  await insertOperatorSession({
    tokenHash: hashBearerToken(sessionToken, "operator-session"),
    operatorId: operator.id,
    expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
  });
  return { sessionToken, keys };
}
