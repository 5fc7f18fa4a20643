import "server-only";
import { fromBase64Url, generateToken, hashAuthKey } from "@/lib/crypto";
import { createInvitedOperator, NameTakenError } from "@/lib/db/team";
import { getServerKey, hashBearerToken } from "@/lib/server-keys";
import type { TAcceptInvitation } from "./validation";

/**
 * Creates the invited operator from what their browser generated (public key, wrapped
 * private key, auth key; never the passphrase). They can log in at once but read nothing
 * until an admin's browser grants them the desk key. Fails, changing nothing, for an
 * invalid, expired or used invitation, or a name already taken (the invitation stays valid).
 */
export async function acceptInvitation(input: TAcceptInvitation): Promise<{ ok: true; operatorId: string } | { ok: false; error: "errors.invitationInvalid" | "errors.nameTaken" }> {
  const operatorId = generateToken(16);
  try {
    const created = await createInvitedOperator({
      tokenHash: hashBearerToken(input.token, "one-time-token"),
      operatorId,
      name: input.name,
      kdfSalt: fromBase64Url(input.kdfSalt),
      authVerifier: await hashAuthKey(fromBase64Url(input.authKey), getServerKey("operator-auth")),
      publicKey: fromBase64Url(input.publicKey),
      wrappedPrivateKey: fromBase64Url(input.wrappedPrivateKey),
    });
    return created ? { ok: true, operatorId } : { ok: false, error: "errors.invitationInvalid" };
  } catch (error) {
    if (error instanceof NameTakenError) return { ok: false, error: "errors.nameTaken" };
    throw error;
  }
}
