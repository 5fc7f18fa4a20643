// TOTP codes for tests, computed as an authenticator app would (otplib, RFC 6238 defaults).
import { generate } from "otplib";

/** The seed operator's TOTP secret (base32, 20 bytes), enrolled by `seedFirstOperator`. */
export const SEED_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** The code for `secret` at the current time plus `stepOffset` 30-second steps. */
export async function totpCode(secret: string, stepOffset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepOffset * 30 });
}

/** The current 30-second step. */
export function currentTotpStep(): number {
  return Math.floor(Date.now() / 30_000);
}

/** The code for `secret` at the moment `at`. */
export async function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}
