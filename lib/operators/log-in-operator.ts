import "server-only";
import { fromBase64Url, generateToken, openServerSecret, sealServerSecret, utf8ToBytes, bytesToUtf8, verifyAuthKey } from "@/lib/crypto";
import { findOperatorCredentials, findOperatorKeyMaterial, type TOperatorCredentials, type TOperatorKeyMaterial } from "@/lib/db/operators";
import { acceptTotpStep, consumeRecoveryCode, enrolSecondFactor } from "@/lib/db/second-factor";
import { insertOperatorSession } from "@/lib/db/sessions";
import { admitLoginAttempt } from "@/lib/rate-limit/login-attempts";
import { getServerKey, hashBearerToken } from "@/lib/server-keys";
import { deviceCookieValue, issueDeviceToken, trustedDevices, type TDeviceOperator } from "./login-device";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode, verifyTotpCode } from "./second-factor";
import type { TLogin } from "./validation";

export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

// Compared against when the name is unknown, so both paths do the same work.
const DUMMY_VERIFIER = new Uint8Array(32);
// What device tokens are checked against when the name is no active operator's.
const NO_DEVICE_OPERATOR: TDeviceOperator = { id: "", authVerifier: DUMMY_VERIFIER, totpSecretSealed: null };

export type TLoginOutcome =
  /**
   * deviceToken: a new device token for this browser (lib/operators/login-device.ts);
   * deviceCookie: the browser's device cookie with it, first of the tokens it keeps.
   */
  | { kind: "logged-in"; sessionToken: string; deviceToken: string; deviceCookie: string; keys: TOperatorKeyMaterial; usedRecoveryCode: boolean }
  /** Enrolled just now: the recovery codes are shown once and never again. */
  | { kind: "enrolled"; sessionToken: string; deviceToken: string; deviceCookie: string; keys: TOperatorKeyMaterial; recoveryCodes: string[] }
  /** Right passphrase, no second factor yet: the browser must enrol one first. No session. */
  | { kind: "enrolment-required" }
  /** Unknown name, wrong passphrase, wrong or reused code, deactivated: all alike. */
  | { kind: "failed" };

/**
 * Logs an operator in with two factors: the auth key their browser derived from the
 * passphrase, and a TOTP code (or a single-use recovery code). Only when both are right is
 * a session created (only the token's keyed hash is stored) and the wrapped key material
 * handed out. Every failure, whichever factor was wrong, gives the same "failed" and counts
 * against the name (counted before the check, taken back on success), with growing
 * delays; past the threshold LoginLockedError is thrown for the rest of the window, right
 * passphrase and code or not. `deviceTokens` (the browser's device cookie, which holds
 * the tokens of the operators who use that browser) move the count from the name to that
 * browser when one of them was issued by this server to this operator under its current
 * credentials and the operator is active, so that failing on purpose under an operator's
 * name does not keep the operator out of their own browser; every success hands out a new
 * one in place of the old.
 *
 * An operator without a second factor (new, or reset by an admin) gets
 * "enrolment-required" after the right passphrase, and enrols by logging in again with the
 * secret their browser generated and the first code for it: the secret is then stored
 * sealed under a server key, and ten recovery codes are returned once.
 */
export async function logInOperator(input: TLogin, now: Date = new Date(), deviceTokens: readonly string[] = []): Promise<TLoginOutcome> {
  const operator = await findOperatorCredentials(input.name);
  // A deactivated operator's browsers are trusted no more than a stranger's. The tokens
  // are checked against a stand-in when there is no such operator, so that the time taken
  // does not tell which names exist.
  const usable = operator?.active ? operator : null;
  const devices = trustedDevices(deviceTokens, usable ?? NO_DEVICE_OPERATOR, now);
  // Counted as a failure before anything is checked; taken back below on success.
  const admitted = await admitLoginAttempt(input.name, now, usable ? devices : []);
  const { delayMs } = admitted;
  // Taking the count back must not cost a login whose code or enrolment is already used
  // up: when it fails, the attempt just stays counted as a failure, which is the safe side.
  const succeeded = () => admitted.succeeded().catch(() => undefined);
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const valid = await verifyAuthKey(fromBase64Url(input.authKey), operator?.authVerifier ?? DUMMY_VERIFIER, getServerKey("operator-auth"));
  if (!operator || !operator.active || !valid) return { kind: "failed" };

  if (!operator.totpSecretSealed) {
    if (!input.enrolment) {
      await succeeded();
      return { kind: "enrolment-required" };
    }
    const step = await verifyTotpCode(input.enrolment.secret, input.enrolment.code, null, now);
    if (step === null) return { kind: "failed" };
    const recoveryCodes = generateRecoveryCodes();
    const totpSecretSealed = await sealServerSecret(getServerKey("totp-secret"), utf8ToBytes(input.enrolment.secret));
    const enrolled = await enrolSecondFactor({
      operatorId: operator.id,
      totpSecretSealed,
      step,
      recoveryCodeHashes: recoveryCodes.map((code) => hashRecoveryCode(normaliseRecoveryCode(code)!)),
    });
    if (!enrolled) return { kind: "failed" };
    await succeeded();
    const session = await startSession(operator.id);
    if (!session) return { kind: "failed" };
    const enrolledOperator = { ...operator, totpSecretSealed };
    const deviceToken = issueDeviceToken(enrolledOperator, now);
    return { kind: "enrolled", ...session, deviceToken, deviceCookie: deviceCookieValue(deviceToken, deviceTokens, [operator, enrolledOperator], now), recoveryCodes };
  }

  const second = await checkSecondFactor(operator, input.code ?? "", now);
  if (second === null) return { kind: "failed" };
  await succeeded();
  const session = await startSession(operator.id);
  if (!session) return { kind: "failed" };
  const deviceToken = issueDeviceToken(operator, now);
  return { kind: "logged-in", ...session, deviceToken, deviceCookie: deviceCookieValue(deviceToken, deviceTokens, [operator], now), usedRecoveryCode: second === "recovery-code" };
}

/** "totp" or "recovery-code" when the code is right and unused (and is now used up); null otherwise. */
async function checkSecondFactor(operator: TOperatorCredentials, code: string, now: Date): Promise<"totp" | "recovery-code" | null> {
  const recovery = normaliseRecoveryCode(code);
  if (recovery) return (await consumeRecoveryCode(operator.id, hashRecoveryCode(recovery))) ? "recovery-code" : null;
  const secret = bytesToUtf8(await openServerSecret(getServerKey("totp-secret"), operator.totpSecretSealed!));
  const step = await verifyTotpCode(secret, code.replace(/\s/g, ""), operator.totpLastStep, now);
  if (step === null) return null;
  // The conditional write is the replay guard across instances: of two logins with one
  // code, only the first records its step.
  return (await acceptTotpStep(operator.id, step)) ? "totp" : null;
}

async function startSession(operatorId: string): Promise<{ sessionToken: string; keys: TOperatorKeyMaterial } | null> {
  const keys = await findOperatorKeyMaterial(operatorId);
  if (!keys) return null;
  const sessionToken = generateToken(32);
  await insertOperatorSession({
    tokenHash: hashBearerToken(sessionToken, "operator-session"),
    operatorId,
    expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
  });
  return { sessionToken, keys };
}
