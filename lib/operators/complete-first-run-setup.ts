import "server-only";
import { fromBase64Url, generateToken, hashAuthKey } from "@/lib/crypto";
import { createFirstAdmin } from "@/lib/db/operators";
import { getServerKey, hashBearerToken } from "@/lib/server-keys";
import type { TFirstRunSetup } from "./validation";

/**
 * Creates the first operator (an admin) and the desk key from what the setup page's
 * browser generated. The server stores the public keys, the wrapped private key, the
 * grant and a keyed hash of the auth key; it never sees the passphrase or the unlock key.
 * Resolves false when the setup token is invalid, expired or used, or setup already ran.
 */
export async function completeFirstRunSetup(input: TFirstRunSetup): Promise<boolean> {
  return createFirstAdmin({
    operatorId: generateToken(16),
    name: input.name,
    kdfSalt: fromBase64Url(input.kdfSalt),
    authVerifier: await hashAuthKey(fromBase64Url(input.authKey), getServerKey("operator-auth")),
    publicKey: fromBase64Url(input.publicKey),
    wrappedPrivateKey: fromBase64Url(input.wrappedPrivateKey),
    deskKeyId: generateToken(16),
    deskPublicKey: fromBase64Url(input.deskPublicKey),
    grant: fromBase64Url(input.grant),
    setupTokenHash: hashBearerToken(input.token, "one-time-token"),
  });
}
