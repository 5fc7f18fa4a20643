// The crypto boundary. The rest of the app imports from here, never from libsodium
// (an ESLint `no-restricted-imports` rule should hold that line). Keys and blobs are
// Uint8Array inside the app and base64url (`toBase64Url`) at the edges.
// See README.md for the keys, their formats, and what each party can read.

export { createDeskKeyPair } from "./create-desk-key-pair";
export { createOperatorKeys, type TNewOperatorKeys } from "./create-operator-keys";
export { deriveOperatorSecrets, OPERATOR_KDF, OPERATOR_SALT_BYTES, type TOperatorSecrets } from "./derive-operator-secrets";
export { deriveReporterKeys, RECEIPT_KDF, RECEIPT_SALT_LABEL, type TReporterKeys } from "./derive-reporter-keys";
export { bytesToUtf8, fromBase64Url, toBase64Url, utf8ToBytes } from "./encoding";
export { CryptoInputError, OpenError } from "./errors";
export { fingerprintPublicKey } from "./fingerprint-public-key";
export { generateToken } from "./generate-token";
export { hashAuthKey, verifyAuthKey } from "./hash-auth-key";
export { hashLookupToken } from "./hash-lookup-token";
export { openMessage } from "./open-message";
export { keyPairFromPrivateKey } from "./key-pair-from-private-key";
export { openTip } from "./open-tip";
export { openPolicePackage } from "./open-police-package";
export { isPlausiblePolicePackage, MAX_POLICE_PACKAGE_BYTES, sealPolicePackage } from "./seal-police-package";
export { openServerSecret, sealServerSecret } from "./seal-server-secret";
export { prepareCrypto } from "./prepare-crypto";
export { MAX_PADDED_PLAINTEXT_BYTES, PADDING_BUCKETS, padToBucket, unpadFromBucket } from "./padding";
export {
  generateReceiptCode,
  normaliseReceiptCode,
  RECEIPT_CODE_ALPHABET,
  RECEIPT_CODE_CHARACTERS,
} from "./receipt-code";
export { isPlausibleSealedMessage, SEALED_MESSAGE_LENGTHS, sealMessage } from "./seal-message";
export { isPlausibleSealedTip, SEALED_TIP_LENGTHS, sealTip } from "./seal-tip";
export type { TKeyPair } from "./types";
export { unlockOperatorKey } from "./unlock-operator-key";
export { unwrapOperatorKey, WRAPPED_PRIVATE_KEY_BYTES } from "./unwrap-operator-key";
export { unwrapDeskKey } from "./unwrap-desk-key";
export { wrapDeskKey } from "./wrap-desk-key";
