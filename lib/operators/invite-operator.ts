import "server-only";
import { generateToken } from "@/lib/crypto";
import { insertOneTimeToken } from "@/lib/db/one-time-tokens";
import { hashBearerToken } from "@/lib/server-keys";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A one-time invitation link for a new operator, valid for seven days; only the token's
 * keyed hash is stored, and the token sits in the URL fragment, which browsers never send.
 */
export async function inviteOperator(origin: string): Promise<string> {
  const token = generateToken(32);
  await insertOneTimeToken({ tokenHash: hashBearerToken(token, "one-time-token"), purpose: "invite", expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS) });
  return `${origin.replace(/\/$/, "")}/operator/invite#${token}`;
}
