/** Highest age accepted in an estimate. */
export const MAX_AGE = 99;

/** Longest input accepted. */
export const MAX_AGE_INPUT_LENGTH = 60;

// Words that only say "this is an estimate"; an estimate is what the field asks for.
const QUALIFIERS = [
  "ongeveer",
  "ongeveer rond de",
  "rond de",
  "rond",
  "rondom",
  "circa",
  "ca",
  "c",
  "zo'n",
  "zon",
  "plusminus",
  "plm",
  "pakweg",
  "schatting",
  "geschat",
  "waarschijnlijk",
  "misschien",
  "about",
  "around",
  "approx",
  "approximately",
  "roughly",
  "estimated",
  "maybe",
  "probably",
  "leeftijd",
  "age",
  "aged",
];
const QUALIFIER_RE = new RegExp(
  `^(?:(?:${[...QUALIFIERS].sort((a, b) => b.length - a.length).join("|")})\\b\\.?:?\\s*|\\+\\s*/?\\s*-\\s*|±\\s*|~\\s*)+`,
);
// "16 jaar", "16jr", "18 years old" — after any number, so "16 jaar tot 18 jaar" works too.
const UNIT_RE = /(\d)\s*(?:jaar oud|jaar|jr\.?|j\.?|years? old|years?|yrs?\.?|y\.?o\.?|y)(?=$|[\s/~-])/g;

const N = "(\\d{1,3})";
const RANGE_FORMS = [
  new RegExp(`^${N}\\s*(?:-|/|~|tot en met|t/m|tot|a|of|to|or|till|until)\\s*${N}$`),
  new RegExp(`^(?:tussen|between)\\s+${N}\\s+(?:en|and|&)\\s+${N}$`),
  new RegExp(`^(?:van|from)\\s+${N}\\s+(?:tot en met|t/m|tot|to|till|until)\\s+${N}$`),
];

/**
 * Parses an age estimate as a reporter writes it: `17`, `ongeveer 16`, `± 20`, `16-18`,
 * `16 tot 18`, `16 à 18`, `16 of 17`, `tussen 16 en 18`, `about 16`, `between 16 and 18`,
 * with or without `jaar` / `years`.
 *
 * @returns `{ ok: true, age, min, max }` where `age` is the normalised text — `"17"` for a
 * single age, `"16-18"` for a range (a range of one age collapses to `"16"`) — or
 * `{ ok: false }` when the text is not one age or one range of whole years from 0 to
 * {@link MAX_AGE} with min ≤ max.
 */
export function parseAge(input: string): { ok: true; age: string; min: number; max: number } | { ok: false } {
  if (typeof input !== "string" || input.length > MAX_AGE_INPUT_LENGTH) return { ok: false };
  const text = input
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .replace(QUALIFIER_RE, "")
    .replace(UNIT_RE, "$1")
    .trim();

  let min: number;
  let max: number;
  const single = /^(\d{1,3})$/.exec(text);
  if (single) {
    min = max = Number(single[1]);
  } else {
    const m = RANGE_FORMS.map((re) => re.exec(text)).find((r) => r !== null);
    if (!m) return { ok: false };
    min = Number(m[1]);
    max = Number(m[2]);
  }
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max > MAX_AGE || min > max) {
    return { ok: false };
  }
  return { ok: true, age: min === max ? String(min) : `${min}-${max}`, min, max };
}
