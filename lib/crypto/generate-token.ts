import { toBase64Url } from "./encoding";
import { CryptoInputError } from "./errors";

/**
 * Generates a random token for setup links and sessions: `bytes` bytes from
 * `crypto.getRandomValues`, as unpadded base64url (32 bytes → 43 characters).
 * A bearer secret: whoever holds it is whoever it was issued to, so store only a hash
 * of it on the server. Throws `CryptoInputError` unless `bytes` is an integer from 16
 * (128 bits, the least worth calling a token) to 1024.
 */
export function generateToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > 1024) {
    throw new CryptoInputError("token length must be an integer from 16 to 1024 bytes");
  }
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
