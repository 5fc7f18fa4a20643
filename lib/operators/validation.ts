import { z } from "zod";

/** Operator names: what colleagues call each other, not an e-mail address. */
export const ZOperatorName = z
  .string()
  .trim()
  .min(2, "errors.nameTooShort")
  .max(60, "errors.nameTooLong")
  .regex(/^[\p{L}\p{N} ._'-]+$/u, "errors.nameCharacters");

export const PASSPHRASE_MIN_LENGTH = 12;

/** A passphrase as the operator types it; its strength is checked in the browser, where it stays. */
export const ZPassphrase = z.string().min(PASSPHRASE_MIN_LENGTH, "errors.passphraseTooShort").max(1024, "errors.passphraseTooLong");

const base64UrlOf = (bytes: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`), `must be ${bytes} bytes in base64url`);

/** What the setup page's browser sends: public keys, wrapped blobs, the auth key. Never a passphrase. */
export const ZFirstRunSetup = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  name: ZOperatorName,
  kdfSalt: base64UrlOf(16),
  authKey: base64UrlOf(32),
  publicKey: base64UrlOf(32),
  wrappedPrivateKey: base64UrlOf(72),
  deskPublicKey: base64UrlOf(32),
  grant: base64UrlOf(80),
});
export type TFirstRunSetup = z.output<typeof ZFirstRunSetup>;

// Logins take any name an operator could have been given (well-formed text only), and an
// auth key in canonical base64url, so nothing malformed reaches the database or the decoder.
export const ZLogin = z.strictObject({ name: ZOperatorName, authKey: base64UrlOf(32).regex(/[AEIMQUYcgkosw048]$/, "must be canonical base64url") });
export type TLogin = z.output<typeof ZLogin>;

/** What an invited operator's browser sends: like first-run setup, without a desk key. */
export const ZAcceptInvitation = ZFirstRunSetup.omit({ deskPublicKey: true, grant: true });
export type TAcceptInvitation = z.output<typeof ZAcceptInvitation>;

/** An admin's browser granting the desk key: the desk private key sealed to the operator. */
export const ZGrantAccess = z.strictObject({
  operatorId: z.string().regex(/^[A-Za-z0-9_-]{16,43}$/),
  deskKeyId: z.string().regex(/^[A-Za-z0-9_-]{16,43}$/),
  sealed: base64UrlOf(80),
});
