import { CryptoInputError } from "./errors";

// Written out rather than taken from libsodium so that these helpers stay synchronous
// (libsodium needs an `await` before first use) and from Node's `Buffer` so that they
// run in the browser too. Both work on character codes in typed arrays: a string grown
// one character at a time is a rope of thousands of small heap objects per blob, and an
// operator's inbox of 10,000 sealed tips (27 MB of base64url) spent most of its time in
// the garbage collector because of it (bench/crypto-primitives.ts measures both).
const BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ENCODE = Uint8Array.from(BASE64URL_ALPHABET, (char) => char.charCodeAt(0));
/** Character code (0–127) → 6-bit value, or -1 for every code outside the alphabet. */
const DECODE = new Int8Array(128).fill(-1);
ENCODE.forEach((code, value) => (DECODE[code] = value));
// ASCII only ever goes in, so windows-1252 (what "latin1" means to TextDecoder) is exact.
const asciiDecoder = new TextDecoder("latin1");

/**
 * Encodes bytes as base64url (RFC 4648 §5) without `=` padding: the form keys, blobs
 * and tokens take in URLs, JSON and database text columns. No secrecy is involved.
 */
export function toBase64Url(bytes: Uint8Array): string {
  const whole = bytes.length - (bytes.length % 3);
  const out = new Uint8Array(Math.ceil((bytes.length * 4) / 3));
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const triple = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[triple >> 18]!;
    out[o++] = ENCODE[(triple >> 12) & 0x3f]!;
    out[o++] = ENCODE[(triple >> 6) & 0x3f]!;
    out[o++] = ENCODE[triple & 0x3f]!;
  }
  if (bytes.length - whole === 1) {
    const b0 = bytes[whole]!;
    out[o++] = ENCODE[b0 >> 2]!;
    out[o++] = ENCODE[(b0 & 0x03) << 4]!;
  } else if (bytes.length - whole === 2) {
    const b0 = bytes[whole]!;
    const b1 = bytes[whole + 1]!;
    out[o++] = ENCODE[b0 >> 2]!;
    out[o++] = ENCODE[((b0 & 0x03) << 4) | (b1 >> 4)]!;
    out[o++] = ENCODE[(b1 & 0x0f) << 2]!;
  }
  return asciiDecoder.decode(out);
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
  for (let i = 0; i < text.length; i += 1) {
    // charCodeAt gives UTF-16 code units: anything from 128 up, surrogates included, is
    // out of the table's range and so outside the alphabet.
    const code = text.charCodeAt(i);
    const value = code < 128 ? DECODE[code]! : -1;
    if (value < 0) throw new CryptoInputError("base64url text contains a character outside the alphabet");
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
