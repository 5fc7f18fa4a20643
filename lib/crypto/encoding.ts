import { CryptoInputError } from "./errors";

// Written out rather than taken from libsodium so that these helpers stay synchronous
// (libsodium needs an `await` before first use) and from Node's `Buffer` so that they
// run in the browser too.
const BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE64URL_VALUES = new Map([...BASE64URL_ALPHABET].map((char, value) => [char, value]));

/**
 * Encodes bytes as base64url (RFC 4648 §5) without `=` padding: the form keys, blobs
 * and tokens take in URLs, JSON and database text columns. No secrecy is involved.
 */
export function toBase64Url(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    text += BASE64URL_ALPHABET[b0 >> 2];
    text += BASE64URL_ALPHABET[((b0 & 0x03) << 4) | ((b1 ?? 0) >> 4)];
    if (b1 !== undefined) text += BASE64URL_ALPHABET[((b1 & 0x0f) << 2) | ((b2 ?? 0) >> 6)];
    if (b2 !== undefined) text += BASE64URL_ALPHABET[b2 & 0x3f];
  }
  return text;
}

/**
 * Decodes unpadded base64url, strictly: only the canonical encoding of some byte
 * string is accepted, so one value never has two spellings. Throws
 * `CryptoInputError` on `=` padding, `+` or `/`, whitespace, any other character, an
 * impossible length, or non-zero unused bits in the last character.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 === 1) throw new CryptoInputError("base64url text has an impossible length");
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let bitCount = 0;
  let index = 0;
  for (const char of text) {
    const value = BASE64URL_VALUES.get(char);
    if (value === undefined) throw new CryptoInputError("base64url text contains a character outside the alphabet");
    bits = ((bits << 6) | value) & 0xfff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      bytes[index++] = (bits >> bitCount) & 0xff;
    }
  }
  if ((bits & ((1 << bitCount) - 1)) !== 0) {
    throw new CryptoInputError("base64url text is not in canonical form");
  }
  return bytes;
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * Encodes text as UTF-8. Throws `CryptoInputError` if the string holds a lone
 * surrogate, which UTF-8 cannot carry (TextEncoder would silently turn it into
 * U+FFFD and the text would not survive a round trip).
 */
export function utf8ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (/\p{Surrogate}/u.test(text)) throw new CryptoInputError("text contains a lone surrogate");
  return utf8Encoder.encode(text);
}

/**
 * Decodes UTF-8 exactly (a leading byte-order mark is kept, not stripped). Throws
 * `CryptoInputError` on malformed UTF-8 rather than inserting U+FFFD.
 */
export function bytesToUtf8(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new CryptoInputError("bytes are not valid UTF-8");
  }
}
