/** Longest input accepted before any parsing. */
export const MAX_PHONE_INPUT_LENGTH = 40;

type TCountryRule = {
  /** Lengths the national significant number (after country code and trunk 0) may have. */
  nsnLengths: readonly number[];
  /** Whether numbers are written nationally with a leading 0 that is dropped after the country code. */
  trunkZero: boolean;
};

// Countries a tip line in the Netherlands sees most, with their national number lengths
// (ITU-T E.164 national numbering plans). Other country codes only get the E.164 bounds.
const COUNTRY_RULES: Readonly<Record<string, TCountryRule>> = {
  "1": { nsnLengths: [10], trunkZero: false }, // North America
  "7": { nsnLengths: [10], trunkZero: false }, // Russia, Kazakhstan
  "31": { nsnLengths: [9], trunkZero: true }, // Netherlands (special numbers handled below)
  "32": { nsnLengths: [8, 9], trunkZero: true }, // Belgium
  "33": { nsnLengths: [9], trunkZero: true }, // France
  "34": { nsnLengths: [9], trunkZero: false }, // Spain
  "36": { nsnLengths: [8, 9], trunkZero: false }, // Hungary (trunk prefix is 06, not 0)
  "39": { nsnLengths: [6, 7, 8, 9, 10, 11], trunkZero: false }, // Italy keeps its 0
  "40": { nsnLengths: [9], trunkZero: true }, // Romania
  "41": { nsnLengths: [9], trunkZero: true }, // Switzerland
  "43": { nsnLengths: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13], trunkZero: true }, // Austria
  "44": { nsnLengths: [9, 10], trunkZero: true }, // United Kingdom
  "48": { nsnLengths: [9], trunkZero: false }, // Poland
  "49": { nsnLengths: [6, 7, 8, 9, 10, 11, 12, 13], trunkZero: true }, // Germany
  "55": { nsnLengths: [10, 11], trunkZero: true }, // Brazil
  "66": { nsnLengths: [8, 9], trunkZero: true }, // Thailand
  "86": { nsnLengths: [10, 11], trunkZero: true }, // China
  "90": { nsnLengths: [10], trunkZero: true }, // Turkey
  "212": { nsnLengths: [9], trunkZero: true }, // Morocco
  "233": { nsnLengths: [9], trunkZero: true }, // Ghana
  "234": { nsnLengths: [8, 10], trunkZero: true }, // Nigeria
  "359": { nsnLengths: [8, 9], trunkZero: true }, // Bulgaria
  "380": { nsnLengths: [9], trunkZero: true }, // Ukraine
  "597": { nsnLengths: [6, 7], trunkZero: false }, // Suriname
};

/**
 * Normalises a phone number written the Dutch way or internationally to E.164.
 *
 * Accepts `06-12345678`, `06 1234 5678`, `(020) 123 4567`, `+31 (0)6 12345678`,
 * `0031612345678`, `+32 470 12 34 56`, an optional `tel:` prefix, and spaces, dots,
 * dashes, slashes and parentheses as separators. A number without `+` or `00` is read as
 * Dutch and must start with the trunk `0`. Lengths are checked against the national plan
 * for the Netherlands (9 digits after `0`; 0800/090x numbers 7 or 10; 097 M2M numbers 11)
 * and for common countries; other country codes must give 8 to 15 digits in total.
 *
 * @returns `{ ok: true, e164 }` such as `"+31612345678"`, or `{ ok: false }` for letters,
 * implausible lengths or anything else that is not one phone number.
 */
export function normalisePhone(input: string): { ok: true; e164: string } | { ok: false } {
  if (typeof input !== "string" || input.length > MAX_PHONE_INPUT_LENGTH) return { ok: false };
  let text = input
    .normalize("NFKC")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\s\u00a0]+/g, " ")
    .trim()
    .replace(/^tel:\s*/i, "");
  if (!/^\+?[0-9 ().\/-]+$/.test(text)) return { ok: false };

  const plus = text.startsWith("+");
  const international = plus || /^[( ]*0[ .\/-]*0/.test(text);
  if (international) {
    // "+31 (0)6 …": the bracketed trunk zero is not dialled after a country code.
    text = text.replace(/\(\s*0\s*\)/, "");
  }
  let digits = text.replace(/\D/g, "");
  if (international && !plus) digits = digits.slice(2);
  if (digits === "") return { ok: false };

  if (!international) {
    if (!digits.startsWith("0")) return { ok: false };
    return dutch(digits.slice(1));
  }
  if (digits.startsWith("0")) return { ok: false };

  const cc = [3, 2, 1].map((n) => digits.slice(0, n)).find((p) => Object.hasOwn(COUNTRY_RULES, p));
  if (cc === undefined) {
    return digits.length >= 8 && digits.length <= 15 ? { ok: true, e164: `+${digits}` } : { ok: false };
  }
  const rule = COUNTRY_RULES[cc] as TCountryRule;
  let nsn = digits.slice(cc.length);
  if (rule.trunkZero && nsn.startsWith("0")) nsn = nsn.slice(1);
  if (cc === "31") return dutch(nsn);
  if (nsn.startsWith("0") && rule.trunkZero) return { ok: false };
  if (!rule.nsnLengths.includes(nsn.length) || cc.length + nsn.length > 15) return { ok: false };
  return { ok: true, e164: `+${cc}${nsn}` };
}

/** A Dutch national significant number (digits after the trunk 0). */
function dutch(nsn: string): { ok: true; e164: string } | { ok: false } {
  if (!/^[1-9]/.test(nsn)) return { ok: false };
  const special = /^(?:800|90[069])/.test(nsn);
  const plausible =
    nsn.length === 9 || (special && (nsn.length === 7 || nsn.length === 10)) || (nsn.startsWith("97") && nsn.length === 11);
  return plausible ? { ok: true, e164: `+31${nsn}` } : { ok: false };
}
