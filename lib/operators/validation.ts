import { z } from "zod";

/** Ids of tips, operators, desk keys and packages: random base64url tokens. */
export const ENTITY_ID = /^[A-Za-z0-9_-]{16,43}$/;
const id = z.string().regex(ENTITY_ID);

/** A TOTP secret as the enrolling browser makes it (20 bytes in base32), and a six-digit code. */
export const TOTP_SECRET_PATTERN = /^[A-Z2-7]{32}$/;
export const TOTP_CODE_PATTERN = /^\d{6}$/;

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
// The second factor: a six-digit TOTP code or a recovery code (16 Crockford characters,
// dashes and spaces allowed). An operator without one enrols with a secret their browser
// made and the first code their authenticator shows for it.
export const ZLogin = z.strictObject({
  name: ZOperatorName,
  authKey: base64UrlOf(32).regex(/[AEIMQUYcgkosw048]$/, "must be canonical base64url"),
  code: z.string().trim().max(40).optional(),
  enrolment: z.strictObject({ secret: z.string().regex(TOTP_SECRET_PATTERN), code: z.string().regex(TOTP_CODE_PATTERN) }).optional(),
});
export type TLogin = z.output<typeof ZLogin>;

/** What an invited operator's browser sends: like first-run setup, without a desk key. */
export const ZAcceptInvitation = ZFirstRunSetup.omit({ deskPublicKey: true, grant: true });
export type TAcceptInvitation = z.output<typeof ZAcceptInvitation>;

/** An admin's browser granting the desk key: the desk private key sealed to the operator. */
export const ZGrantAccess = z.strictObject({
  operatorId: id,
  deskKeyId: id,
  sealed: base64UrlOf(80),
});

/** A tip assigned to an operator, or to nobody (null). */
export const ZAssignTip = z.strictObject({ tipId: id, operatorId: id.nullable() });

/** What an admin's browser sends to rotate the desk key: a grant per current holder. */
export const ZRotateDeskKey = z.strictObject({
  previousDeskKeyId: id,
  publicKey: base64UrlOf(32),
  sealedPrevious: base64UrlOf(80),
  grants: z.array(z.strictObject({ operatorId: id, sealed: base64UrlOf(80) })).min(1).max(500),
});

/** The police's reference for a report: their own case number, letters, digits and separators. */
export const ZPoliceReference = z.string().trim().max(60).regex(/^[\p{L}\p{N} ./_:#-]*$/u, "errors.referenceInvalid");

/** An admin sets the police key: its public half (base64url, as police:keygen prints it) and who holds it. */
export const ZSetPoliceKey = z.strictObject({ publicKey: base64UrlOf(32), label: z.string().trim().min(2).max(120).regex(/^[^<>\u0000-\u001f]+$/u) });

/** A sealed report for the outbox; at most 256 KiB of report, so at most ~350 K characters. */
export const ZForwardTip = z.strictObject({
  tipId: id,
  policeKeyId: id,
  sealed: z.string().max(360_000).regex(/^[A-Za-z0-9_-]+$/),
  policeReference: ZPoliceReference.optional(),
});
