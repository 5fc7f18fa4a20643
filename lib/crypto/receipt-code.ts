/** Crockford's base32 alphabet: digits and capitals without I, L, O and U. */
export const RECEIPT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 16 characters × 5 bits = 80 bits from the CSPRNG. */
export const RECEIPT_CODE_CHARACTERS = 16;

const RANDOM_BYTES = (RECEIPT_CODE_CHARACTERS * 5) / 8;

// Every character a reporter may type, mapped to its value. Built from an explicit
// ASCII table, not with toUpperCase(), which maps some non-ASCII letters onto ASCII
// ones ("ı".toUpperCase() === "I", "ſ".toUpperCase() === "S").
const SYMBOL_VALUES = new Map<string, string>();
for (const char of RECEIPT_CODE_ALPHABET) {
  SYMBOL_VALUES.set(char, char);
  SYMBOL_VALUES.set(char.toLowerCase(), char);
}
for (const [typed, meant] of [["I", "1"], ["i", "1"], ["L", "1"], ["l", "1"], ["O", "0"], ["o", "0"]] as const) {
  SYMBOL_VALUES.set(typed, meant);
}
const SEPARATORS = new Set([" ", "-", "\t", "\n", "\r"]);
// Longer than any sensible spelling of 16 symbols; bounds the work on hostile input.
const MAX_INPUT_LENGTH = 64;

function group(symbols: string): string {
  return symbols.match(/.{4}/g)!.join("-");
}

/**
 * Generates a reporter's receipt code: 80 bits from `crypto.getRandomValues`, as 16
 * Crockford base32 characters in four groups of four, e.g. `7KQ3-M0ZD-X4HT-9BNE`.
 *
 * The code is the reporter's only secret: from it `deriveReporterKeys` derives their
 * lookup token and key pair, so whoever holds the code can check the tip's status and
 * read questions sealed to the reporter. Nothing is stored that lets it be recovered.
 * Throws only if the platform has no CSPRNG.
 */
export function generateReceiptCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_BYTES));
  let symbols = "";
  let bits = 0;
  let bitCount = 0;
  for (const byte of bytes) {
    bits = ((bits << 8) | byte) & 0xfff;
    bitCount += 8;
    while (bitCount >= 5) {
      bitCount -= 5;
      symbols += RECEIPT_CODE_ALPHABET[(bits >> bitCount) & 0x1f];
    }
  }
  return group(symbols);
}

/**
 * Reads a receipt code as a person might type it and returns its canonical form
 * (`XXXX-XXXX-XXXX-XXXX`, upper case), or `null` if it is not a receipt code.
 *
 * Case-insensitive; spaces and dashes anywhere are ignored; I and L read as 1 and O
 * as 0, as Crockford base32 specifies. Rejects U, any other character, anything
 * non-ASCII, and any count of symbols other than 16. No secret is checked here: a
 * well-formed code may still belong to no tip.
 */
export function normaliseReceiptCode(input: string): string | null {
  if (input.length > MAX_INPUT_LENGTH) return null;
  let symbols = "";
  for (const char of input) {
    if (SEPARATORS.has(char)) continue;
    const symbol = SYMBOL_VALUES.get(char);
    if (symbol === undefined) return null;
    symbols += symbol;
  }
  if (symbols.length !== RECEIPT_CODE_CHARACTERS) return null;
  return group(symbols);
}
