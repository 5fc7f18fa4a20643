import "server-only";
import { generateToken } from "@/lib/crypto";
import { countActiveOperators } from "@/lib/db/operators";
import { deleteOneTimeTokens, insertOneTimeToken } from "@/lib/db/one-time-tokens";
import { hashBearerToken } from "@/lib/server-keys";

export const SETUP_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * While no operator exists, replaces any earlier setup token with a fresh one (only its
 * keyed hash is stored) and returns the one-time setup link; the token sits in the URL
 * fragment, which browsers never send to a server. Returns null once an operator exists.
 */
export async function issueSetupLink(origin: string): Promise<string | null> {
  if ((await countActiveOperators()) > 0) return null;
  const token = generateToken(32);
  await deleteOneTimeTokens("setup");
  await insertOneTimeToken({
    tokenHash: hashBearerToken(token, "one-time-token"),
    purpose: "setup",
    expiresAt: new Date(Date.now() + SETUP_LINK_LIFETIME_MS),
  });
  return `${origin.replace(/\/$/, "")}/operator/setup#${token}`;
}
