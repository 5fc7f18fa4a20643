/** Highest age accepted in an estimate; also the upper bound of an open estimate such as `"18+"`. */
export const MAX_AGE = 99;

/** Longest input accepted. */
export const MAX_AGE_INPUT_LENGTH = 60;

/** Bounds of the age groups "begin/midden/eind twintig", "early/mid/late twenties", as offsets into the decade. */
export const DECADE_PARTS = { early: [0, 3], mid: [4, 6], late: [7, 9], whole: [0, 9] } as const;

/** "Tiener" / "teenager": 13-19; "jonge tiener" / "early teens" 13-15, "mid teens" 14-16, "late teens" 17-19. */
export const TEEN_PARTS = { early: [13, 15], mid: [14, 16], late: [17, 19], whole: [13, 19] } as const;

/** Age of majority: "minderjarig" / "a minor" is `"<18"`, "meerderjarig" / "an adult" is `"18+"`. */
const MAJORITY = 18;

// Words that only say "this is an estimate"; an estimate is what the field asks for.
const QUALIFIERS = [
  "ongeveer",
  "ongeveer rond de",
  "rond de",
  "rond",
  "rondom",
  "in de buurt van",
  "circa",
  "ca",
  "c",
  "zo'n",
  "zon",
  "een jaar of",
  "jaar of",
  "plusminus",
  "plm",
  "pakweg",
  "ergens",
  "schatting",
  "geschat",
  "ik schat",
  "ik denk",
  "waarschijnlijk",
  "misschien",
  "ze is",
  "zij is",
  "hij is",
  "about",
  "around",
  "approx",
  "approximately",
  "roughly",
  "somewhere",
  "estimated",
  "i think",
  "i guess",
  "maybe",
  "probably",
  "she is",
  "she's",
  "he is",
  "he's",
  "leeftijd",
  "age",
  "aged",
];
const QUALIFIER_RE = new RegExp(
  `^(?:(?:${[...QUALIFIERS].sort((a, b) => b.length - a.length).join("|")})\\b\\.?:?\\s*|\\+\\s*/?\\s*-\\s*|±\\s*|~\\s*)+`,
);
// "16 ofzo", "16 or so", "16-ish", and a question mark of doubt: "17?".
const TRAILING_DOUBT_RE = /(?:\s*(?:\?+|\bof ?zo|\bor so|-?ish|\bschat ik|\bdenk ik|\bi think|\bi guess))+$/;
// "16 jaar", "16jr", "18 years old", "18+ jaar" — after any number, so "16 jaar tot 18 jaar" works too.
const UNIT_RE = /(\d)\s*(\+?)\s*(?:jaar oud|jaar|jr\.?|j\.?|years? old|years?|yrs?\.?|y\.?o\.?|y)(?=$|[\s/~-])/g;

// Number words, after diacritics are removed ("drieëntwintig" → "drieentwintig").
const UNITS_NL = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"];
const TEENS_NL = ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"];
const TENS_NL = ["twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"];
const UNITS_EN = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS_EN = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS_EN = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const NUMBER_WORDS = new Map<string, number>();
for (const [units, teens, tens] of [
  [UNITS_NL, TEENS_NL, TENS_NL],
  [UNITS_EN, TEENS_EN, TENS_EN],
] as const) {
  units.forEach((w, i) => NUMBER_WORDS.set(w, i + 1));
  teens.forEach((w, i) => NUMBER_WORDS.set(w, i + 10));
  tens.forEach((w, i) => NUMBER_WORDS.set(w, (i + 2) * 10));
}
NUMBER_WORDS.set("nul", 0).set("zero", 0);
const NUMBER_WORD_RE = new RegExp(
  `(?<![a-z])(?:(${UNITS_NL.join("|")})-?en-?(${TENS_NL.join("|")})|(${TENS_EN.join("|")})[ -]?(${UNITS_EN.join("|")})|(${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join("|")}))(?![a-z])`,
  "g",
);

function wordsToDigits(text: string): string {
  return text.replace(NUMBER_WORD_RE, (_m, nlUnit?: string, nlTens?: string, enTens?: string, enUnit?: string, single?: string) => {
    const n = (w?: string) => (w === undefined ? 0 : (NUMBER_WORDS.get(w) ?? 0));
    if (nlUnit !== undefined) return String(n(nlTens) + n(nlUnit));
    if (enTens !== undefined) return String(n(enTens) + n(enUnit));
    return String(n(single));
  });
}

type TPart = keyof typeof DECADE_PARTS;
const PART_WORDS: Record<string, Exclude<TPart, "whole">> = {
  begin: "early",
  vroeg: "early",
  vroege: "early",
  "voor in": "early",
  jonge: "early",
  early: "early",
  midden: "mid",
  half: "mid",
  halverwege: "mid",
  medio: "mid",
  mid: "mid",
  middle: "mid",
  eind: "late",
  einde: "late",
  laat: "late",
  "achter in": "late",
  oudere: "late",
  late: "late",
};
const PART = `(${Object.keys(PART_WORDS).join("|")})`;
const POSSESSIVE = "(?:de|het|the|her|his|their|haar|zijn)";
const DECADE_WORDS_EN = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
// [1] "in de" / "in her" · [2] first part · [3] second part · [4] teen word · [5] decade as a
// number (after number words became digits) · [6] its suffix ("20s", "20ers") · [7] Dutch
// "twintiger(s)" · [8] English "twenties".
const DECADE_RE = new RegExp(
  `^(?:(?:een|an?)\\s+)?(in\\s+${POSSESSIVE}\\s+)?(?:${PART}(?:[\\s-]*(?:-|/|tot|to|a|of|or)[\\s-]*${PART})?[\\s-]+(?:(?:in|of)\\s+)?(?:${POSSESSIVE}\\s+)?)?` +
    `(?:(tiener|teen)(?:s|agers?|jaren|leeftijd)?|([2-9]0)('?s|[-']?ers?)?|(${TENS_NL.join("|")})ers?|(${DECADE_WORDS_EN.join("|")}))` +
    `(?:\\s+(?:jaar|jaren|years?))?$`,
);

/** "begin twintig" → 20-23, "late teens" → 17-19; `undefined` when the text is not an age group. */
function parseAgeGroup(text: string): [number, number] | undefined {
  const m = DECADE_RE.exec(text);
  if (!m) return undefined;
  const [, inThe, first, second, teen, decadeDigits, suffix, decadeNl, decadeEn] = m;
  // A bare "20" is an age, not the twenties; "in de 20", "begin 20" and "20s" are a group.
  if (decadeDigits !== undefined && inThe === undefined && first === undefined && suffix === undefined) return undefined;
  const from: TPart = first === undefined ? "whole" : (PART_WORDS[first] ?? "whole");
  const to: TPart = second === undefined ? from : (PART_WORDS[second] ?? "whole");
  if (teen !== undefined) return [TEEN_PARTS[from][0], TEEN_PARTS[to][1]];
  let decade: number;
  if (decadeDigits !== undefined) decade = Number(decadeDigits);
  else if (decadeNl !== undefined) decade = (TENS_NL.indexOf(decadeNl) + 2) * 10;
  else decade = (DECADE_WORDS_EN.indexOf(decadeEn ?? "") + 2) * 10;
  return [decade + DECADE_PARTS[from][0], decade + DECADE_PARTS[to][1]];
}

const N = "(\\d{1,3})";
const RANGE_FORMS = [
  new RegExp(`^${N}\\s*(?:-|/|~|tot en met|t/m|tot|a|of|to|or|till|until)\\s*${N}$`),
  new RegExp(`^(?:tussen|between)\\s+${N}\\s+(?:en|and|&)\\s+${N}$`),
  new RegExp(`^(?:van|from)\\s+${N}\\s+(?:tot en met|t/m|tot|to|till|until)\\s+${N}$`),
];
// "18+", "+18", "18 of ouder", "ouder dan 18", "over 18": that age or older. "Ouder dan 18" and
// ">18" are read as people mean them, "an adult", so as 18+ rather than 19+.
const AT_LEAST_FORMS = [
  new RegExp(`^${N}\\s*(?:\\+|plus|of ouder|of meer|en ouder|or older|or over|or more|and older|and over|and up)$`),
  new RegExp(`^(?:ouder dan|boven de|boven|vanaf|minstens|minimaal|older than|over|above|at least|>=|>|\\+)\\s*${N}$`),
];
// "onder de 18", "jonger dan 18", "under 18", "<18", "nog geen 18": younger than that age.
const UNDER_FORMS = [new RegExp(`^(?:onder de|onder|jonger dan|nog geen|younger than|under|below|less than|not yet|<)\\s*${N}$`)];
const MINOR_WORDS = /^(?:minderjarig(?:e)?|underage|under-age|(?:a )?minor)$/;
const ADULT_WORDS = /^(?:meerderjarig(?:e)?|volwassen(?:e)?|(?:an )?adult)$/;

type TAgeResult = { ok: true; age: string; min: number; max: number } | { ok: false };

/**
 * Parses an age estimate as a reporter writes it, in Dutch or English:
 * - one age or a range: `17`, `ongeveer 16`, `ca. 16`, `rond de 16`, `± 20`, `17?`,
 *   `zestien`, `16-18`, `16 tot 18`, `16 à 18`, `16 of 17`, `tussen 16 en 18`, `about 16`,
 *   `between 16 and 18`, with or without `jaar` / `years` — `"17"`, `"16-18"`;
 * - an age group: `begin twintig` / `early twenties` (20-23), `midden twintig` /
 *   `mid twenties` (24-26), `eind twintig` / `late twenties` (27-29), likewise for the
 *   twenties to the nineties, `in de twintig` / `twintiger` / `20s` (20-29), and `tiener` /
 *   `teenager` (13-19; early 13-15, mid 14-16, late 17-19) — stored as the range, `"20-23"`;
 * - an open estimate: `18+`, `18 of ouder`, `ouder dan 18`, `over 18`, `meerderjarig` —
 *   `"18+"` (`max` is {@link MAX_AGE}); `onder de 18`, `jonger dan 18`, `under 18`, `<18`,
 *   `minderjarig` — `"<18"` (`min` is 0). No bound is made up: the operator reads what the
 *   reporter knew.
 *
 * @returns `{ ok: true, age, min, max }` where `age` is the normalised text (a range of one
 * age collapses to `"16"`), or `{ ok: false }` when the text is none of these, or its ages
 * are not whole years from 0 to {@link MAX_AGE} with min ≤ max. Parsing `age` again gives
 * the same result.
 */
export function parseAge(input: string): TAgeResult {
  if (typeof input !== "string" || input.length > MAX_AGE_INPUT_LENGTH) return { ok: false };
  let text = input
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .replace(TRAILING_DOUBT_RE, "")
    .replace(QUALIFIER_RE, "")
    .replace(TRAILING_DOUBT_RE, "")
    .trim();

  if (MINOR_WORDS.test(text)) return under(MAJORITY);
  if (ADULT_WORDS.test(text)) return atLeast(MAJORITY);

  // "een tiener" / "a teenager": the article is not the number one.
  text = wordsToDigits(text.replace(/^(?:een|an?) (?=[a-z])/, ""));
  const group = parseAgeGroup(text);
  if (group) return range(group[0], group[1]);

  text = text.replace(UNIT_RE, "$1$2").trim();
  const single = /^(\d{1,3})$/.exec(text);
  if (single) return range(Number(single[1]), Number(single[1]));
  const atLeastMatch = AT_LEAST_FORMS.map((re) => re.exec(text)).find((r) => r !== null);
  if (atLeastMatch) return atLeast(Number(atLeastMatch[1]));
  const underMatch = UNDER_FORMS.map((re) => re.exec(text)).find((r) => r !== null);
  if (underMatch) return under(Number(underMatch[1]));
  const m = RANGE_FORMS.map((re) => re.exec(text)).find((r) => r !== null);
  if (!m) return { ok: false };
  return range(Number(m[1]), Number(m[2]));
}

function range(min: number, max: number): TAgeResult {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max > MAX_AGE || min > max) return { ok: false };
  return { ok: true, age: min === max ? String(min) : `${min}-${max}`, min, max };
}

/** `"18+"`: that age or older. "0+" says nothing and is not an estimate. */
function atLeast(min: number): TAgeResult {
  if (!Number.isInteger(min) || min < 1 || min > MAX_AGE) return { ok: false };
  return { ok: true, age: `${min}+`, min, max: MAX_AGE };
}

/** `"<18"`: younger than that age, with no lower bound the reporter did not give. */
function under(limit: number): TAgeResult {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AGE) return { ok: false };
  return { ok: true, age: `<${limit}`, min: 0, max: limit - 1 };
}
