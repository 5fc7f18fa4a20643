import type { TTip } from "@/lib/tips/tip-schema";

/**
 * What a hint points at; each kind has its own explanation in `tip.json` under `hints.kinds`.
 * `own-name` is the writer's own name ("mijn naam is …"), `own-contact` a way to reach the
 * writer ("bel me op …", "mijn nummer", "my e-mail"), `relationship` how the writer knows
 * her outside work ("ik ben haar buurvrouw", "I am her aunt").
 */
export const HINT_KINDS = ["role", "email", "organisation", "meeting-time", "own-name", "own-contact", "relationship"] as const;
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
// Compound role words end in one of these: "wijkverpleegkundige", "jongerenwerker",
// "straathoekwerker", "gezinsbegeleidster", "ggz-consulente", "jeugdmaatschappelijk werker".
const ROLE_HEAD_NL = alt([
  "verpleegkundige",
  "begeleid(?:er|ster)",
  "hulpverlen(?:er|ster)",
  "maatschappelijk werk(?:er|ster)",
  "werk(?:er|ster)",
  "medewerk(?:er|ster)",
  "mentor",
  "coach",
  "arts",
  "consulente?",
  "therapeut",
  "pedagoog",
  "psycholoog",
  "docente?",
  "deskundige",
  "adviseur",
  "regisseur",
  "verzorg(?:er|ster)",
  "leid(?:er|ster)",
  "assistente?",
  "trainer",
  "trainster",
]);
const ROLE_ANY_NL = `(?:${ROLE_NL}|(?:\\p{L}+-?)?${ROLE_HEAD_NL})`;
const ROLE_ADJ_NL = "(?:(?:vaste|eigen|persoonlijke?|nieuwe|oude|vorige|huidige|tijdelijke|ambulante?)\\s+)?";
// How the writer knows her outside work: "ik ben haar buurvrouw", "ik ben zijn tante".
const RELATION_NL = alt([
  "buur(?:vrouw|man|meisje|jongen)",
  "buren",
  "tante",
  "oom",
  "nicht(?:je)?",
  "neef(?:je)?",
  "oma",
  "opa",
  "groot(?:moeder|vader|ouders?)",
  "(?:stief|pleeg|schoon)?(?:moeder|vader|ouders?|zus|broer|dochter|zoon)",
  "mama",
  "papa",
  "zusje",
  "broertje",
  "zwag(?:er|erin)",
  "peet(?:oom|tante|moeder|vader)",
  "(?:ex-?)?vriend(?:in)?",
  "ex",
  "klasgeno(?:ot|te)",
  "huisgeno(?:ot|te)",
  "kamergeno(?:ot|te)",
  "collega",
  "werkgever",
  "baas",
  "bazin",
  "huisbaas",
  "hospita",
  "verhuurder",
  "oppas",
]);
const RELATION_ADJ_NL = "(?:(?:oudere|jongere|grote|kleine|beste|oude|vroegere|voormalige)\\s+)?";
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
  "werkplek",
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
const RELATION_EN = alt([
  "neighbou?rs?",
  "aunt(?:ie)?",
  "uncle",
  "cousin",
  "niece",
  "nephew",
  "grand(?:mother|father|ma|pa|parents?)",
  "gran(?:ny)?",
  "(?:step|foster)?(?:mother|father|mum|mom|dad|parents?|sister|brother|daughter|son)",
  "(?:sister|brother|mother|father)-in-law",
  "god(?:mother|father|parent)",
  "(?:ex-?)?(?:boy|girl)?friend",
  "ex",
  "classmate",
  "room-?mate",
  "flat-?mate",
  "house-?mate",
  "colleague",
  "co-?worker",
  "employer",
  "boss",
  "landlord",
  "landlady",
  "babysitter",
  "nanny",
]);
const RELATION_ADJ_EN = "(?:(?:older|younger|big|little|best|old|former|close)\\s+)?";
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

// Own name and contact details ---------------------------------------------------------
// A name is one to three words, with Dutch and other surname particles between them; words
// that end the phrase or say "no name" ("mijn naam is niet belangrijk") are not a name.
const NAME_STOP = alt([
  ...["en", "maar", "of", "dus", "want", "die", "dat", "wel", "ook", "nu", "ik", "is", "niet", "geheim", "anoniem"],
  ...["onbekend", "belangrijk", "hier", "haar", "hem", "zijn", "je", "jij", "u", "jullie", "iedereen", "welkom"],
  ...["and", "but", "or", "so", "because", "who", "that", "also", "too", "now", "i", "not", "secret", "anonymous"],
  ...["unknown", "important", "irrelevant", "relevant", "here", "her", "him", "his", "me", "you", "by", "to", "with"],
  ...["a", "an", "the", "een", "het", "met", "door", "naar", "voor", "als", "op", "in", "on", "at", "for", "as"],
]);
const NAME_PARTICLE = "(?:van|de|der|den|ter|ten|te|het|'t|la|le|du|von|el|al|bin|ben|da|dos|di)";
const NAME_WORD = `(?!${NAME_STOP}${E}|${NAME_PARTICLE}${E})\\p{L}[\\p{L}'-]*`;
const NAME = `(?:${NAME_PARTICLE}\\s+){0,3}${NAME_WORD}(?:\\s+(?:${NAME_PARTICLE}\\s+){0,3}${NAME_WORD}){0,2}`;
// A phone number as people write it: 0612345678, 06-12345678, +31 6 1234 5678, 0031 (0)6 ….
const PHONE = "(?:\\+|00)?\\d(?:[\\s().-]{0,2}\\d){7,14}";
// What may follow "bel me" / "mijn nummer" / "call me": a few filler words, then a number.
const CONTACT_TAIL = `(?:(?:\\s+|\\s*:\\s*)(?:gerust|maar|even|dan|gewoon|altijd|terug|op|via|het|nummer|is|back|anytime|on|at|through|number)){0,4}(?:\\s*:?\\s*${PHONE})?`;

type TPattern = { kind: THintKind; re: RegExp };
const p = (kind: THintKind, source: string): TPattern => ({ kind, re: new RegExp(`${B}${source}${E}`, "gu") });

/** Patterns on the lowercase, diacritic-free text. */
const LOWER_PATTERNS: readonly TPattern[] = [
  // Dutch role phrases: "ik ben haar mentor", "ik ben wijkverpleegkundige", "als haar
  // begeleider", "mijn cliënte", "een cliënte van mij", "bij ons op de groep", "op mijn werk"
  p("role", `(?:ik\\s+ben|ik\\s+was|ben\\s+ik)\\s+(?:(?:haar|zijn|hun|de|een|het|jullie)\\s+)?${ROLE_ADJ_NL}${ROLE_ANY_NL}`),
  // "Als haar begeleider zie ik …" — but not "als haar begeleider er is" (als = when; in this
  // domain a "begeleider" is also the pimp), so the writer must follow as "… ik" or a comma.
  p("role", `als\\s+(?:haar|zijn|hun)\\s+${ROLE_ADJ_NL}${ROLE_ANY_NL}(?=,|\\s+${W}\\s+ik${E})`),
  p("role", `als\\s+(?:(?:een|de)\\s+)?${ROLE_ANY_NL}(?=,|\\s+(?:zie|zag|merk|merkte|hoor|hoorde|heb|had|kom|kwam|weet|wist|werk|werkte|ben|was|spreek|sprak)\\s+ik${E})`),
  p("role", `${CLIENT_NL}\\s+van\\s+(?:mij|ons)`),
  p("role", `(?:op|via|bij|door|vanuit|naar|uit|voor|in|tijdens)\\s+(?:mijn|ons)\\s+(?:werk|werkplek|baan|bijbaan|stage(?:plek|adres)?)`),
  // Dutch relationships: "ik ben haar buurvrouw", "ik ben een vriendin van haar", "wij zijn haar buren"
  p("relationship", `(?:ik\\s+ben|ik\\s+was|ben\\s+ik|wij\\s+zijn|we\\s+zijn)\\s+(?:haar|zijn|hun|de|een)\\s+${RELATION_ADJ_NL}${RELATION_NL}`),
  p("relationship", `ik\\s+ben\\s+(?:familie|verwant)\\s+van\\s+(?:haar|hem)`),
  // Dutch own name and contact details: "mijn naam is …", "ik heet …", "bel me op 06…",
  // "mijn telefoonnummer is …", "mijn mailadres", "je kunt me bereiken op …"
  p("own-name", `mijn\\s+(?:voor|achter|roep|volledige\\s+|echte\\s+)?naam\\s*(?:is|=|:)\\s*${NAME}`),
  p("own-name", `ik\\s+heet\\s+${NAME}`),
  p("own-name", `(?:(?:met\\s+)?(?:vriendelijke|hartelijke|lieve)\\s+)?groet(?:en|jes)?\\s*(?:,|\\n)\\s*${NAME}`),
  p("own-contact", `(?:bel|app|sms|whatsapp|mail|e-?mail|bereik)\\s+(?:me|mij)${CONTACT_TAIL}`),
  p("own-contact", `mijn\\s+(?:eigen\\s+|prive\\s*-?\\s*|mobiele\\s+|06\\s*-?\\s*|gsm\\s*-?\\s*|werk|telefoon|mobiel|tel\\.?\\s*)?(?:nummer|nr\\.?)${CONTACT_TAIL}`),
  p("own-contact", `mijn\\s+(?:telefoon|mobiel|gsm|06)\\s*(?:is|:)?\\s*${PHONE}`),
  // Not "in mijn mail" (where something arrived), but "mijn mail(adres) is …".
  p("own-contact", `(?<!${B}in\\s)mijn\\s+(?:e-?mail|mail)(?:\\s*-?\\s*adres)?`),
  p("own-contact", `mijn\\s+(?:woon|huis|post|thuis|prive)?adres`),
  p("own-contact", `(?:(?:je|jullie|u)\\s+(?:kunt|kan|mag)|(?:kun|kunt|kan|mag|wil|wilt)\\s+(?:je|jullie|u))\\s+(?:me|mij)\\s+(?:(?:altijd|gerust)\\s+)?(?:bellen|mailen|appen|bereiken)${CONTACT_TAIL}`),
  p("own-contact", `ik\\s+ben\\s+(?:(?:altijd|telefonisch|gerust)\\s+)?(?:te\\s+)?bereik(?:baar|en)${CONTACT_TAIL}`),
  p("own-contact", `neem\\s+(?:gerust\\s+)?contact\\s+(?:met\\s+(?:me|mij)\\s+op|op\\s+met\\s+(?:me|mij))`),
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
  p("role", `${CLIENT_EN}\\s+of\\s+(?:mine|ours)`),
  p("role", `(?:at|through|via|from|in|during|on|for)\\s+(?:my|our)\\s+(?:work|job|workplace|placement|internship)`),
  // English relationships: "I am her neighbour", "I'm his aunt", "we are her neighbours"
  p("relationship", `(?:i\\s+am|i'm|im|i\\s+was|we\\s+are|we're)\\s+(?:her|his|their|the|a|an)\\s+${RELATION_ADJ_EN}${RELATION_EN}`),
  // English own name and contact details: "my name is …", "call me on …", "my number is …"
  p("own-name", `my\\s+(?:first\\s+|last\\s+|full\\s+|real\\s+)?name(?:\\s*(?:is|=|:)|'s)\\s*${NAME}`),
  p("own-name", `(?:i\\s+am|i'm|im)\\s+called\\s+${NAME}`),
  p("own-name", `(?:(?:kind|best|warm)\\s+)?regards\\s*(?:,|\\n)\\s*${NAME}`),
  p("own-contact", `(?:call|phone|ring|text|sms|whatsapp|e-?mail|message|contact|reach)\\s+me${CONTACT_TAIL}`),
  p("own-contact", `my\\s+(?:(?:own|private|personal|mobile|cell|phone|telephone|work|home)\\s+){0,2}(?:number|no\\.|nr\\.?)${CONTACT_TAIL}`),
  p("own-contact", `my\\s+(?:mobile|cell|phone|telephone)\\s*(?:is|:)?\\s*${PHONE}`),
  p("own-contact", `(?<!${B}in\\s)my\\s+(?:e-?mail|mail)(?:\\s+address)?`),
  p("own-contact", `my\\s+(?:home\\s+|postal\\s+|own\\s+)?address`),
  p("own-contact", `i\\s+(?:am|'m|can\\s+be)\\s+(?:reachable|reached)${CONTACT_TAIL}`),
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

// First-person words inside quotes or right after a verb of saying are someone else's
// words — an advertisement ("bel me op 06…"), a pimp ("hij zei: ik ben haar vriend") — so
// hints that only name the writer through "ik"/"mijn" are not given there.
const QUOTED_KINDS: ReadonlySet<THintKind> = new Set(["own-name", "own-contact", "relationship"]);
const QUOTED = /"[^"\n]{1,500}"|“[^”\n]{1,500}”|„[^“”\n]{1,500}[“”]|«[^»\n]{1,500}»|(?<![\p{L}\p{N}])[‘'][^‘’'\n]{1,500}['’](?![\p{L}\p{N}])/gu;
const SPEECH = alt([
  ...["zei", "zegt", "zeggen", "zeiden", "riep", "schreef", "schrijft", "stuurde", "stuurt", "appte", "appt", "vroeg", "vraagt"],
  ...["staat", "stond", "said", "says", "wrote", "writes", "texted", "texts", "asked", "asks", "told", "tells", "reads", "read"],
]);
const SPEECH_OBJECT = "(?:hij|ze|zij|hem|haar|me|mij|he|she|him|her|(?:tegen|to)\\s+\\p{L}+)";
const AFTER_SPEECH = new RegExp(
  `${B}${SPEECH}${E}(?:[^.!?\\n:"\u201C\u201E\u00AB\u2018]{0,30}[:"\u201C\u201E\u00AB\u2018]|(?:\\s+${SPEECH_OBJECT}){0,2}\\s*[,:]?)\\s*$`,
  "u",
);

function quotedSpans(text: string): [number, number][] {
  QUOTED.lastIndex = 0;
  return [...text.matchAll(QUOTED)].map((m) => [m.index, m.index + m[0].length]);
}

/** Longest text scanned; the schema caps fields well below this. */
const MAX_SCAN_LENGTH = 20_000;

function collect(
  folded: TFolded,
  original: string,
  kind: THintKind,
  re: RegExp,
  into: TTextHint[],
  quoted: readonly [number, number][] = [],
): void {
  re.lastIndex = 0;
  for (const m of folded.text.matchAll(re)) {
    const fs = m.index;
    const fe = fs + m[0].length;
    if (fe <= fs) continue;
    const start = folded.starts[fs];
    const end = folded.ends[fe - 1];
    if (start === undefined || end === undefined) continue;
    if (QUOTED_KINDS.has(kind)) {
      if (quoted.some(([qs, qe]) => qs < start && end <= qe)) continue;
      if (AFTER_SPEECH.test(folded.text.slice(Math.max(0, fs - 60), fs))) continue;
    }
    into.push({ kind, match: original.slice(start, end), start, end });
  }
}

/**
 * Finds stretches of one text that may identify the person writing it: first-person role
 * phrases in Dutch and English ("ik ben haar mentor", "ik ben wijkverpleegkundige", "mijn
 * cliënte", "een cliënte van mij", "bij ons op de groep", "op mijn werk", "I am her
 * mentor", "a client of mine", "at our shelter"), relationships ("ik ben haar buurvrouw",
 * "I am her aunt"), the writer's own name ("mijn naam is …", "my name is …") and contact
 * details ("bel me op 06…", "mijn telefoonnummer is …", "my number is …", "mijn mail"),
 * when the writer met the person ("ik zag haar vorige week op de poli", "tijdens mijn
 * spreekuur", "during my consultation"), e-mail addresses, and names on
 * {@link CARE_ORGANISATIONS}.
 *
 * Names and numbers of others are left alone: only the writer's own ("mijn naam", not
 * "zijn naam" or "de pooier heet …"), and not inside quotes or right after a verb of
 * saying ("hij zei: bel me op …"), where "ik" and "mijn" are someone else's.
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
  const quoted = quotedSpans(original);
  for (const { kind, re } of LOWER_PATTERNS) collect(lower, original, kind, re, found, quoted);
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

// Advertisements speak in the first person for the woman they sell ("Lisa, bel me op 06…"):
// in the fields that copy an advertisement, "me" and "mijn" are never the reporter.
const AD_COPY_FIELD = /^adult\.(?:adNameAndPhone$|ads\.)/;
const OWN_KINDS: ReadonlySet<THintKind> = new Set(["own-name", "own-contact"]);

/**
 * Runs {@link findSelfIdentificationHintsInText} over every text of a parsed tip — the
 * adult and minor sections, every suspect, and "Wat heb je gezien of gehoord?" — so the
 * anonymity check before sending can show the reporter what may point back to them.
 *
 * @returns Hints in the tip's field order, each with the dotted path of its field
 * (`"adult.workplace"`, `"adult.ads.0.adNumber"`, `"suspects.1.description"`,
 * `"seenOrHeard"`). No `own-name` or `own-contact` hints in the fields that copy an
 * advertisement (`adult.adNameAndPhone`, `adult.ads.*`). Never throws; an empty list when
 * nothing was found.
 */
export function findSelfIdentificationHints(tip: TTip): THint[] {
  const hints: THint[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === "string") {
      for (const h of findSelfIdentificationHintsInText(value)) {
        if (AD_COPY_FIELD.test(path) && OWN_KINDS.has(h.kind)) continue;
        hints.push({ ...h, field: path });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}.${i}`));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) visit(v, path === "" ? k : `${path}.${k}`);
    }
  };
  for (const key of ["adult", "minor", "suspects", "seenOrHeard"] as const) visit(tip[key], key);
  return hints;
}
