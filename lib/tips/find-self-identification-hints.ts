import type { TTip } from "@/lib/tips/tip-schema";

/** What a hint points at; each kind has its own explanation in `tip.json` under `hints.kinds`. */
export const HINT_KINDS = ["role", "email", "organisation", "meeting-time"] as const;
export type THintKind = (typeof HINT_KINDS)[number];

/** A stretch of one field's text that may point back to the reporter. */
export type THint = {
  kind: THintKind;
  /** Dotted path of the field in the tip, e.g. `"adult.workplace"`, `"suspects.0.description"`, `"seenOrHeard"`. */
  field: string;
  /** The text as the reporter wrote it (`text.slice(start, end)`). */
  match: string;
  /** UTF-16 offsets into the field's text, end exclusive. */
  start: number;
  end: number;
};

/** A hint within one piece of text, before it is tied to a field. */
export type TTextHint = Omit<THint, "field">;

/**
 * A care organisation whose name in a tip may point to the reporter. `exactCase` names are
 * also ordinary words ("mee" = along, "fier" = proud, "veilig thuis" = safely home): they
 * only match when written with the organisation's capitals (`MEE`, `MEE-Veluwe`, `Fier`,
 * `Veilig Thuis`). All others match case- and diacritic-insensitively as whole words.
 */
export type TCareOrganisation = { name: string; exactCase?: true };

/**
 * Dutch care, youth-care, shelter, health and victim-support organisations professionals
 * who see trafficking victims work for (the brochure's own list first), plus national
 * expertise centres. Regional branches ("MEE-Veluwe", "GGD Amsterdam") match through the
 * main name.
 */
export const CARE_ORGANISATIONS: readonly TCareOrganisation[] = [
  // Named in the brochure
  { name: "Jeugdzorg" },
  { name: "Bureau Jeugdzorg" },
  { name: "MEE", exactCase: true },
  { name: "Leger des Heils" },
  { name: "Humanitas" },
  { name: "Veilig Thuis", exactCase: true },
  { name: "GGD" },
  { name: "COA" },
  { name: "P&G292" },
  // Youth protection and youth care
  { name: "William Schrikker" },
  { name: "Jeugdbescherming" },
  { name: "Raad voor de Kinderbescherming" },
  { name: "Kinderbescherming" },
  { name: "Samen Veilig" },
  { name: "Levvel" },
  { name: "Youké" },
  { name: "Fier", exactCase: true },
  { name: "Kompaan en De Bocht" },
  { name: "Kompaan" },
  { name: "Lindenhout" },
  { name: "Entrea" },
  { name: "Juvent" },
  { name: "Jeugdformaat" },
  { name: "Intermetzo" },
  { name: "Elker" },
  { name: "Pluryn" },
  { name: "Horizon Jeugdzorg" },
  { name: "Spirit Jeugdhulp" },
  { name: "Timon" },
  { name: "De Hoenderloo Groep" },
  { name: "Jeugdhulp Friesland" },
  { name: "Stek Jeugdhulp" },
  { name: "Het Poortje" },
  { name: "De Rading" },
  { name: "Yulius" },
  { name: "Accare" },
  { name: "Youz" },
  // Mental health (GGZ)
  { name: "Arkin" },
  { name: "Parnassia" },
  { name: "Lentis" },
  { name: "GGZ inGeest" },
  { name: "GGZ Centraal" },
  { name: "GGZ Delfland" },
  { name: "GGZ Drenthe" },
  { name: "GGZ Friesland" },
  { name: "GGZ Rivierduinen" },
  { name: "GGZ Breburg" },
  { name: "Altrecht" },
  { name: "Pro Persona" },
  { name: "Dimence" },
  { name: "Mondriaan" },
  { name: "Emergis" },
  { name: "Reinier van Arkel" },
  { name: "Mediant" },
  { name: "Antes" },
  // Intellectual disability (LVB) care
  { name: "'s Heeren Loo" },
  { name: "Ipse de Bruggen" },
  { name: "Cordaan" },
  { name: "Amerpoort" },
  { name: "Koraal" },
  { name: "Philadelphia Zorg" },
  { name: "Abrona" },
  { name: "ASVZ" },
  // Shelters, social care, sex-worker services, victim support
  { name: "HVO-Querido" },
  { name: "Kwintes" },
  { name: "Moviera" },
  { name: "Blijf Groep" },
  { name: "Sterk Huis" },
  { name: "Terwille" },
  { name: "Exodus" },
  { name: "Scharlaken Koord" },
  { name: "SHOP Den Haag" },
  { name: "Prostitutie Maatschappelijk Werk" },
  { name: "Spot 46" },
  { name: "CoMensha" },
  { name: "FairWork" },
  { name: "Centrum Seksueel Geweld" },
  { name: "Slachtofferhulp" },
  { name: "Vluchtelingenwerk" },
  { name: "Fiom" },
  { name: "Rutgers" },
  { name: "Soa Aids Nederland" },
  { name: "Zorg- en Veiligheidshuis" },
  { name: "Veiligheidshuis" },
];

// ---------------------------------------------------------------------------------------
// Text folding: matching runs on a diacritic-free (and, for most patterns, lowercase) copy
// of the text; offsets map back to the original so the form can highlight what was typed.

type TFolded = { text: string; starts: number[]; ends: number[] };

function fold(text: string, lowercase: boolean): TFolded {
  let out = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const ch of text) {
    let f = ch.normalize("NFD").replace(/\p{M}/gu, "");
    if (f === "\u2019" || f === "\u2018" || f === "`") f = "'";
    if (lowercase) f = f.toLowerCase();
    for (let k = 0; k < f.length; k++) {
      starts.push(at);
      ends.push(at + ch.length);
    }
    out += f;
    at += ch.length;
  }
  return { text: out, starts, ends };
}

// Word edges that also work next to letters with diacritics (JS `\b` is ASCII-only).
const B = "(?<![\\p{L}\\p{N}_])";
const E = "(?![\\p{L}\\p{N}_])";
const W = "[\\p{L}\\p{N}'-]+"; // one word
const alt = (words: readonly string[]) => `(?:${words.join("|")})`;

// Dutch --------------------------------------------------------------------------------
const ROLE_NL = alt([
  "mentor",
  "mentrix",
  "(?:woon|ambulant |persoonlijk |traject|stage|gezins|jeugd)?begeleid(?:er|ster)",
  "groepsleid(?:er|ster)",
  "(?:jeugd)?hulpverlen(?:er|ster)",
  "jeugdzorgwerker",
  "jeugdbeschermer",
  "(?:gezins)?voogd",
  "casemanager",
  "regisseur",
  "consulente?",
  "(?:school)?maatschappelijk werk(?:er|ster)",
  "(?:sociaal|jongeren)\\s?werker",
  "wijkteammedewerker",
  "(?:pedagogisch |sociaal )?medewerk(?:er|ster)",
  "(?:gezins)?coach",
  "(?:huis|jeugd|vertrouwens|soa-?)?arts",
  "(?:soa-?)?verpleegkundige",
  "verple(?:ger|egster)",
  "(?:dokters)?assistente?",
  "psycholoog",
  "psychiater",
  "(?:ortho)?pedagoog",
  "therapeut",
  "behandelaar",
  "verloskundige",
  "gynaecoloog",
  "docente?",
  "leraar",
  "lerares",
  "juf",
  "zorgcoordinator",
  "vertrouwens(?:persoon|vrouw|man)",
  "contactpersoon",
  "pb-?'?er",
  "tolk",
  "advocaat",
  "leerplichtambtenaar",
  "intaker",
  "teamleider",
  "leidinggevende",
  "vrijwilliger",
  "buddy",
  "maatje",
]);
const ROLE_ADJ_NL = "(?:(?:vaste|eigen|persoonlijke?|nieuwe|oude|vorige|huidige|tijdelijke)\\s+)?";
const WORKPLACE_NL = alt([
  "(?:woon|leef)?groep",
  "afdeling",
  "locatie",
  "school",
  "werk",
  "(?:crisis)?opvang",
  "poli(?:kliniek)?",
  "kliniek",
  "praktijk",
  "spreekuur",
  "kantoor",
  "instelling",
  "team",
  "dienst",
  "unit",
]);
const CLIENT_NL = alt([
  "client(?:e|en|es)?",
  "patient(?:e|en|es)?",
  "pupil(?:len)?",
  "jongeren",
  "bewon(?:er|ers|ster|sters)",
  "leerling(?:e|en)?",
  "cursist(?:e|en)?",
  "casus",
  "caseload",
  "collega'?s?",
  "team",
  "teamleider",
  "leidinggevende",
  "afdeling",
  "instelling",
  "(?:zorg)?organisatie",
  "praktijk",
  "kliniek",
  "poli(?:kliniek)?",
  "(?:woon|leef)groep",
  "locatie",
  "(?:crisis)?opvang",
  "school",
  "wijkteam",
  "werkgever",
  "zorginstelling",
  "voorziening",
]);
const WEEKDAY_NL = "(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:avond|ochtend|middag|nacht|morgen)?";
const MONTH_NL =
  "(?:jan(?:uari)?|feb(?:ruari)?|maart|mrt|apr(?:il)?|mei|juni?|juli?|aug(?:ustus)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const TIME_NL = alt([
  "eergisteren",
  "gisteren(?:avond|ochtend|middag|nacht|morgen)?",
  "vandaag",
  "van(?:ochtend|morgen|middag|avond|nacht)",
  `(?:afgelopen|vorige|vorig|deze|dit|op)\\s+(?:week|maand|weekend|keer|jaar|nacht|${WEEKDAY_NL})`,
  WEEKDAY_NL,
  "laatst",
  "onlangs",
  `(?:op\\s+)?\\d{1,2}e?\\s+${MONTH_NL}`,
  "\\d{1,2}[-/]\\d{1,2}(?:[-/]\\d{2,4})?",
  "om\\s+\\d{1,2}(?:[:.]\\d{2})?\\s?uur",
  "\\d+\\s+(?:dagen|weken|maanden)\\s+geleden",
  "(?:een|twee|drie)\\s+(?:week|weken|dagen|maand|maanden|paar dagen|paar weken)\\s+geleden",
]);
const PERSON_NL = "(?:haar|hem|hen|ze|zij|dit meisje|deze jongen|deze jongere|deze vrouw)";
const MEET_VERB_NL = `(?:zag|zie|sprak|spreek|ontmoette|ontmoet|bezocht|bezoek|trof|behandelde|onderzocht|(?:heb|had)\\s+${PERSON_NL})`;
const PARTICIPLE_NL = "(?:gezien|gesproken|ontmoet|bezocht|behandeld|onderzocht|getroffen)";
// After a time word the verb comes first: "gisteren zag ik haar", "vorige week heb ik haar gesproken".
const MEET_VERB_INVERTED_NL = "(?:zag|sprak|ontmoette|bezocht|trof|behandelde|onderzocht|heb|had)";
const SESSION_NL = alt([
  "spreekuur",
  "consult(?:atie)?",
  "intake(?:gesprek)?",
  "(?:begeleidings)?gesprek",
  "afspraak",
  "huisbezoek",
  "bezoek",
  "sessie",
  "behandeling",
  "therapie",
  "controle",
  "les",
  "(?:nacht|avond|dag|weekend)?dienst",
  "ronde",
]);

// English ------------------------------------------------------------------------------
const ROLE_EN = alt([
  "mentor",
  "case\\s?worker",
  "(?:social|support|care|youth|outreach|family|key)\\s?worker",
  "counsell?or",
  "therapist",
  "psychologist",
  "psychiatrist",
  "(?:school\\s)?nurse",
  "doctor",
  "physician",
  "gp",
  "midwife",
  "teacher",
  "tutor",
  "coach",
  "guardian",
  "case\\s?manager",
  "carer",
  "caregiver",
  "volunteer",
  "interpreter",
  "health visitor",
  "contact person",
  "supervisor",
]);
const ROLE_ADJ_EN = "(?:(?:own|regular|personal|new|former|current|assigned)\\s+)?";
const CLIENT_EN = alt([
  "clients?",
  "patients?",
  "pupils?",
  "students?",
  "residents?",
  "service users?",
  "young people",
  "youngsters",
  "caseload",
  "colleagues?",
  "team",
  "shelter",
  "clinic",
  "organi[sz]ation",
  "practice",
  "unit",
  "ward",
  "agency",
  "office",
  "school",
  "group home",
  "care home",
  "department",
  "facility",
  "centre",
  "center",
  "institution",
  "workplace",
  "drop-in",
]);
const PERSON_EN = "(?:her|him|them|this girl|this young woman|this woman|this boy)";
const WEEKDAY_EN = "(?:mon|tues|wednes|thurs|fri|satur|sun)day";
const MONTH_EN =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const TIME_EN = alt([
  "yesterday(?:\\s+(?:morning|afternoon|evening))?",
  "today",
  "tonight",
  "this\\s+(?:morning|afternoon|evening|week|month|weekend)",
  `last\\s+(?:night|week|month|weekend|time|year|${WEEKDAY_EN})`,
  `(?:on\\s+)?${WEEKDAY_EN}(?:\\s+(?:morning|afternoon|evening|night))?`,
  `on\\s+(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH_EN}`,
  `on\\s+${MONTH_EN}\\s+\\d{1,2}(?:st|nd|rd|th)?`,
  "\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?",
  "at\\s+\\d{1,2}(?:[:.]\\d{2})?\\s?(?:am|pm|o'clock)",
  "\\d+\\s+(?:days|weeks|months)\\s+ago",
  "(?:a|one|two|three)\\s+(?:week|weeks|days|month|months|few days|few weeks)\\s+ago",
  "recently",
]);
const MEET_VERB_EN =
  "(?:\\s+|'ve\\s+|\\s+have\\s+|\\s+had\\s+)(?:saw|seen|see|met|meet|spoken?\\s+(?:to|with)|talked\\s+(?:to|with)|visited|treated|examined)";
const SESSION_EN = alt([
  "consultation",
  "consult",
  "session",
  "appointment",
  "intake",
  "office hours",
  "surgery",
  "clinic",
  "home visit",
  "visit",
  "(?:night\\s|day\\s|late\\s)?shift",
  "rounds",
  "class",
  "lesson",
  "check-?up",
]);

type TPattern = { kind: THintKind; re: RegExp };
const p = (kind: THintKind, source: string): TPattern => ({ kind, re: new RegExp(`${B}${source}${E}`, "gu") });

/** Patterns on the lowercase, diacritic-free text. */
const LOWER_PATTERNS: readonly TPattern[] = [
  // Dutch role phrases: "ik ben haar mentor", "als haar begeleider", "mijn cliënte", "bij ons op de groep"
  p("role", `(?:ik\\s+ben|ik\\s+was|ben\\s+ik)\\s+(?:(?:haar|zijn|hun|de|een|het|jullie)\\s+)?${ROLE_ADJ_NL}${ROLE_NL}`),
  // "Als haar begeleider zie ik …" — but not "als haar begeleider er is" (als = when; in this
  // domain a "begeleider" is also the pimp), so the writer must follow as "… ik" or a comma.
  p("role", `als\\s+(?:haar|zijn|hun)\\s+${ROLE_ADJ_NL}${ROLE_NL}(?=,|\\s+${W}\\s+ik${E})`),
  p("role", `ik\\s+werk(?:te)?\\s+(?:al\\s+\\d+\\s+jaar\\s+)?(?:als|bij|op|in|voor)\\s+(?:(?:de|het|een)\\s+)?${W}`),
  p("role", `in\\s+mijn\\s+(?:werk|functie|rol|baan|beroep)\\s+als(?:\\s+${W})?`),
  p("role", `(?:mijn|onze)\\s+${CLIENT_NL}`),
  p("role", `bij\\s+ons\\s+(?:(?:op|in|aan)\\s+)?(?:(?:de|het)\\s+)?${WORKPLACE_NL}`),
  p("role", `(?:ik|wij|we)\\s+(?:begeleid|behandel|coach|ondersteun)(?:de|den|en|t)?\\s+${PERSON_NL}`),
  // Dutch meeting times: "ik zag haar vorige week op de poli", "tijdens mijn spreekuur"
  p(
    "meeting-time",
    `ik\\s+${MEET_VERB_NL}(?:\\s+${W}){0,4}?\\s+${TIME_NL}(?:\\s+(?:op|in|bij|tijdens)\\s+(?:de|het|mijn|ons|onze)\\s+${W})?(?:\\s+${PARTICIPLE_NL})?`,
  ),
  p("meeting-time", `${TIME_NL}\\s+(?:${W}\\s+){0,2}?${MEET_VERB_INVERTED_NL}\\s+ik(?:\\s+${PERSON_NL})?`),
  p("meeting-time", `(?:tijdens|in|op|bij|na)\\s+(?:mijn|ons|onze)\\s+(?:laatste\\s+|eerste\\s+|vorige\\s+)?${SESSION_NL}`),
  p("meeting-time", `bij\\s+mij\\s+(?:op|in|aan)\\s+(?:(?:de|het)\\s+)?(?:spreekuur|consult|gesprek|poli|afdeling|kamer|kantoor|praktijk|groep)`),
  // English role phrases: "I am her mentor", "my client", "at our shelter"
  p("role", `(?:i\\s+am|i'm|im|i\\s+was)\\s+(?:(?:her|his|their|the|a|an)\\s+)?${ROLE_ADJ_EN}${ROLE_EN}`),
  p("role", `as\\s+(?:her|his|their)\\s+${ROLE_ADJ_EN}${ROLE_EN}`),
  p("role", `i\\s+work(?:ed)?\\s+(?:as|at|for|in|on)\\s+(?:(?:a|an|the)\\s+)?${W}`),
  p("role", `in\\s+my\\s+(?:job|role|work|capacity|position)\\s+as(?:\\s+${W})?`),
  p("role", `(?:my|our)\\s+${CLIENT_EN}`),
  p("role", `(?:i|we)\\s+(?:support|treat|counsel|mentor|coach|supervise)(?:ed)?\\s+${PERSON_EN}`),
  // English meeting times: "I saw her last week", "during my consultation"
  p("meeting-time", `i${MEET_VERB_EN}(?:\\s+${W}){0,4}?\\s+${TIME_EN}`),
  p("meeting-time", `${TIME_EN},?\\s+i${MEET_VERB_EN}`),
  p("meeting-time", `(?:during|in|at|after)\\s+(?:my|our)\\s+(?:last\\s+|first\\s+)?${SESSION_EN}`),
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function organisationSource(names: readonly string[], lowercase: boolean): string {
  const parts = names
    .map((n) => fold(n, lowercase).text)
    .sort((a, b) => b.length - a.length)
    // Spaces and hyphens in a name are interchangeable and optional ("veiligthuis.nl").
    .map((n) => n.split(/[\s-]+/).map(escapeRegExp).join("[\\s-]*"));
  return `${B}(?:${parts.join("|")})${E}`;
}

const ORG_INSENSITIVE = new RegExp(
  organisationSource(
    CARE_ORGANISATIONS.filter((o) => !o.exactCase).map((o) => o.name),
    true,
  ),
  "gu",
);
const ORG_EXACT_CASE = new RegExp(
  organisationSource(
    CARE_ORGANISATIONS.filter((o) => o.exactCase).map((o) => o.name),
    false,
  ),
  "gu",
);
// Also "naam [at] instelling.nl", a common way of writing addresses down.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s*(?:@|\(at\)|\[at\])\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/giu;

/** Longest text scanned; the schema caps fields well below this. */
const MAX_SCAN_LENGTH = 20_000;

function collect(folded: TFolded, original: string, kind: THintKind, re: RegExp, into: TTextHint[]): void {
  re.lastIndex = 0;
  for (const m of folded.text.matchAll(re)) {
    const fs = m.index;
    const fe = fs + m[0].length;
    if (fe <= fs) continue;
    const start = folded.starts[fs];
    const end = folded.ends[fe - 1];
    if (start === undefined || end === undefined) continue;
    into.push({ kind, match: original.slice(start, end), start, end });
  }
}

/**
 * Finds stretches of one text that may identify the person writing it: first-person role
 * phrases in Dutch and English ("ik ben haar mentor", "mijn cliënte", "bij ons op de
 * groep", "I am her mentor", "at our shelter"), when the writer met the person ("ik zag
 * haar vorige week op de poli", "tijdens mijn spreekuur", "during my consultation"),
 * e-mail addresses, and names on {@link CARE_ORGANISATIONS}.
 *
 * Matching is case- and diacritic-insensitive (except names marked `exactCase`), on whole
 * words. Overlapping hints of one kind are merged. Hints are advice: they never block a
 * tip. Never throws; text beyond 20,000 characters is not scanned.
 *
 * @returns Hints sorted by position, with offsets into `text`.
 */
export function findSelfIdentificationHintsInText(text: string): TTextHint[] {
  if (typeof text !== "string" || text === "") return [];
  const original = text.slice(0, MAX_SCAN_LENGTH);
  const lower = fold(original, true);
  const exact = fold(original, false);
  const found: TTextHint[] = [];
  for (const { kind, re } of LOWER_PATTERNS) collect(lower, original, kind, re, found);
  collect(lower, original, "organisation", ORG_INSENSITIVE, found);
  collect(exact, original, "organisation", ORG_EXACT_CASE, found);
  EMAIL.lastIndex = 0;
  for (const m of original.matchAll(EMAIL)) {
    found.push({ kind: "email", match: m[0], start: m.index, end: m.index + m[0].length });
  }
  const merged = mergeOverlapping(found, original);
  // An organisation inside an e-mail address (j.devries@ggd.nl) is already covered by it.
  const emails = merged.filter((h) => h.kind === "email");
  return merged.filter((h) => h.kind === "email" || !emails.some((e) => e.start <= h.start && h.end <= e.end));
}

function mergeOverlapping(hints: TTextHint[], text: string): TTextHint[] {
  const sorted = [...hints].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TTextHint[] = [];
  for (const h of sorted) {
    let prev: TTextHint | undefined;
    for (let i = out.length - 1; i >= 0 && prev === undefined; i--) if (out[i]?.kind === h.kind) prev = out[i];
    if (prev && h.start < prev.end) {
      if (h.end > prev.end) {
        prev.end = h.end;
        prev.match = text.slice(prev.start, prev.end);
      }
      continue;
    }
    out.push({ ...h });
  }
  return out;
}

/**
 * Runs {@link findSelfIdentificationHintsInText} over every text of a parsed tip — the
 * adult and minor sections, every suspect, and "Wat heb je gezien of gehoord?" — so the
 * anonymity check before sending can show the reporter what may point back to them.
 *
 * @returns Hints in the tip's field order, each with the dotted path of its field
 * (`"adult.workplace"`, `"adult.ads.0.adNumber"`, `"suspects.1.description"`,
 * `"seenOrHeard"`). Never throws; an empty list when nothing was found.
 */
export function findSelfIdentificationHints(tip: TTip): THint[] {
  const hints: THint[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === "string") {
      for (const h of findSelfIdentificationHintsInText(value)) hints.push({ ...h, field: path });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}.${i}`));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) visit(v, path === "" ? k : `${path}.${k}`);
    }
  };
  for (const key of ["adult", "minor", "suspects", "seenOrHeard"] as const) visit(tip[key], key);
  return hints;
}
