import { z } from "zod";

import { normaliseLink } from "@/lib/tips/normalise-link";
import { normalisePhone } from "@/lib/tips/normalise-phone";
import { normalisePlate } from "@/lib/tips/normalise-plate";
import { parseAge } from "@/lib/tips/parse-age";
import { ADULT_SIGNALS, ALL_SIGNALS, MINOR_SIGNALS, POSSIBLY_MINOR_SIGNAL, SIGNALS_SINCE } from "@/lib/tips/signals";

/**
 * The one schema of a tip. The guided form validates with it (`zodResolver`, step by step
 * with the `ZTip…Step` schemas), the no-JavaScript path and the server with
 * `ZTip.safeParse`, and what gets sealed is `ZTipEnvelope`. Issue messages are message
 * keys (`"errors.tooLong"`) translated by `messages/<locale>/tip.json`, never prose.
 *
 * Issues about the tip as a whole (`errors.atLeastOneField`, `errors.tipTooLarge`) have
 * the path `["root"]`, which react-hook-form shows as `errors.root`.
 */

/** Size limits of a tip. Text lengths are in UTF-16 code units, as the browser's `maxLength` counts. */
export const TIP_LIMITS = {
  /** One-line answers: workplace, age, ad number, names, addresses, prices … */
  shortText: 500,
  /** Answers that ask for a description: who arranges appointments, companion traits, dependency, suspect description … */
  longText: 2000,
  /** "Wat heb je gezien of gehoord?" */
  seenOrHeard: 10_000,
  ads: 10,
  plates: 10,
  minorPhones: 10,
  suspects: 5,
  suspectPhones: 5,
  suspectVehicles: 5,
  /** The serialised tip (UTF-8 JSON) must stay under this, so a sealed tip has a bounded size. */
  tipBytes: 48 * 1024,
} as const;

/** Every message key the tip schemas can emit; each resolves in `messages/<locale>/tip.json`. */
export const TIP_ERROR_KEYS = [
  "errors.invalid",
  "errors.required",
  "errors.tooLong",
  "errors.tooMany",
  "errors.phone",
  "errors.link",
  "errors.plate",
  "errors.age",
  "errors.signalNotForSubject",
  "errors.sectionNotAllowed",
  "errors.atLeastOneField",
  "errors.tipTooLarge",
] as const;
export type TTipErrorKey = (typeof TIP_ERROR_KEYS)[number];

/** Path of issues about the whole tip rather than one field. */
export const TIP_ROOT_PATH = "root";

/** About whom: "Een (mogelijk) slachtoffer in de prostitutie" or "Een minderjarige". */
export const TIP_SUBJECTS = ["adult", "minor"] as const;
/** "Is het een vast adres of verhuist iemand vaak?" */
export const ADDRESS_STABILITY = ["fixed", "moves-often", "unknown"] as const;
/** How a tip came in: the web form, or an operator typing up a phone call. */
export const TIP_CHANNELS = ["web", "phone"] as const;

const INVALID = { error: "errors.invalid" satisfies TTipErrorKey };

// ---------------------------------------------------------------------------------------
// Text

// C0/C1 controls except tab and newline, plus bidirectional overrides and isolates: they
// can make text read differently on the operator's screen than it was typed.
const UNWANTED_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Line endings to `\n`, unwanted characters removed, NFC, trimmed. */
function cleanText(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .replace(UNWANTED_CHARACTERS, "")
    .replace(LONE_SURROGATE, "\uFFFD")
    .normalize("NFC")
    .trim();
}

/** Optional free text of at most `max` characters; empty or blank becomes `undefined`. */
function zText(max: number) {
  return z
    .string(INVALID)
    .transform((raw, ctx) => {
      const value = cleanText(raw);
      if (value.length > max) {
        ctx.addIssue({ code: "custom", message: "errors.tooLong" satisfies TTipErrorKey, input: raw });
        return z.NEVER;
      }
      return value === "" ? undefined : value;
    })
    .optional();
}

/**
 * Optional text that a normaliser turns into its canonical form; empty becomes
 * `undefined`, text the normaliser rejects gives `errorKey`.
 */
function zNormalised(normalise: (text: string) => string | undefined, errorKey: TTipErrorKey) {
  return z
    .string(INVALID)
    .transform((raw, ctx) => {
      const value = cleanText(raw);
      if (value === "") return undefined;
      const normalised = normalise(value);
      if (normalised === undefined) {
        ctx.addIssue({ code: "custom", message: errorKey, input: raw });
        return z.NEVER;
      }
      return normalised;
    })
    .optional();
}

const zShort = () => zText(TIP_LIMITS.shortText);
const zLong = () => zText(TIP_LIMITS.longText);
const zAge = () =>
  zNormalised((t) => {
    const r = parseAge(t);
    return r.ok ? r.age : undefined;
  }, "errors.age");
const zPhone = () =>
  zNormalised((t) => {
    const r = normalisePhone(t);
    return r.ok ? r.e164 : undefined;
  }, "errors.phone");
const zPlate = () =>
  zNormalised((t) => {
    const r = normalisePlate(t);
    return r.ok ? r.plate : undefined;
  }, "errors.plate");
const zLink = () =>
  zNormalised((t) => {
    const r = normaliseLink(t);
    return r.ok ? r.url : undefined;
  }, "errors.link");

/** A vehicle is a plate or a description: Dutch plates get their dashes, anything else is kept as text. */
const zVehicle = () =>
  zShort().transform((value) => {
    if (value === undefined) return undefined;
    const plate = normalisePlate(value);
    return plate.ok && plate.dutch ? plate.plate : value;
  });

/** The answer of a choice that means "I don't know": stored, but nothing to act on. */
export const UNKNOWN_CHOICE = "unknown" satisfies (typeof ADDRESS_STABILITY)[number] & (typeof SIGNALS_SINCE)[number];

/**
 * An optional choice; `""` (the no-JavaScript form's "Geen antwoord" radio) and `null` (an
 * unselected radio) become `undefined`.
 */
function zChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .enum([...values, ""] as [...T, ""], INVALID)
    .nullish()
    .transform((v) => (v === "" || v === null || v === undefined ? undefined : (v as T[number])));
}

// ---------------------------------------------------------------------------------------
// Lists and sections

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isBlank);
  return false;
}

/** Drops entries that came out empty (blank rows of a repeatable group). */
function withoutBlanks<T>(list: readonly (T | undefined)[]): T[] {
  return list.filter((item): item is T => !isBlank(item));
}

/** A strict section object that becomes `undefined` when nothing in it was filled in. */
function zSection<S extends z.core.$ZodLooseShape>(shape: S) {
  return z
    .strictObject(shape, INVALID)
    .transform((section) => (isBlank(section) ? undefined : section))
    .optional();
}

const zAd = () =>
  z
    .strictObject({ url: zLink(), adNumber: zShort() }, INVALID)
    .transform((ad) => (isBlank(ad) ? undefined : ad));

const zSuspect = () =>
  z
    .strictObject(
      {
        name: zShort(),
        phones: z
          .array(zPhone(), INVALID)
          .max(TIP_LIMITS.suspectPhones, { error: "errors.tooMany" })
          .transform(withoutBlanks)
          .default([]),
        vehicles: z
          .array(zVehicle(), INVALID)
          .max(TIP_LIMITS.suspectVehicles, { error: "errors.tooMany" })
          .transform(withoutBlanks)
          .default([]),
        address: zShort(),
        description: zLong(),
      },
      INVALID,
    )
    .transform((suspect) => (isBlank(suspect) ? undefined : suspect));

const adultShape = {
  // "Is een prostituee slachtoffer?"
  workplace: zShort(),
  age: zAge(),
  ads: z.array(zAd(), INVALID).max(TIP_LIMITS.ads, { error: "errors.tooMany" }).transform(withoutBlanks).default([]),
  adNameAndPhone: zShort(),
  workingHours: zShort(),
  arrangedBy: zLong(),
  paidTo: zShort(),
  companionTraits: zLong(),
  plates: z
    .array(zPlate(), INVALID)
    .max(TIP_LIMITS.plates, { error: "errors.tooMany" })
    .transform(withoutBlanks)
    .default([]),
  price: zShort(),
  locationOwnerContact: zShort(),
  // "Weet je nog meer?"
  origin: zShort(),
  companionContact: zShort(),
  dependency: zLong(),
  companionArranges: zLong(),
  blackmail: zLong(),
};

const minorShape = {
  residence: zShort(),
  age: zAge(),
  addressStability: zChoice(ADDRESS_STABILITY),
  associates: zLong(),
  phones: z
    .array(zPhone(), INVALID)
    .max(TIP_LIMITS.minorPhones, { error: "errors.tooMany" })
    .transform(withoutBlanks)
    .default([]),
  activities: zLong(),
  whereabouts: zLong(),
};

/** The fields of a tip without the rules that tie them together; every schema below derives from it. */
const tipFields = z.strictObject(
  {
    subject: z.enum(TIP_SUBJECTS, {
      error: (issue) => (issue.input === undefined ? "errors.required" : "errors.invalid"),
    }),
    possiblyMinor: z.boolean(INVALID).default(false),
    signals: z
      .array(z.enum(ALL_SIGNALS, INVALID), INVALID)
      // Twice the list: duplicates are tolerated (and removed), floods are not.
      .max(ALL_SIGNALS.length * 2, { error: "errors.tooMany" })
      .transform((ids) => ALL_SIGNALS.filter((id) => ids.includes(id)))
      .default([]),
    signalsSince: zChoice(SIGNALS_SINCE),
    adult: zSection(adultShape),
    minor: zSection(minorShape),
    suspects: z
      .array(zSuspect(), INVALID)
      .max(TIP_LIMITS.suspects, { error: "errors.tooMany" })
      .transform(withoutBlanks)
      .default([]),
    seenOrHeard: zText(TIP_LIMITS.seenOrHeard),
  },
  INVALID,
);

type TTipFields = z.output<typeof tipFields>;
type TCtx = z.core.$RefinementCtx<unknown>;

// ---------------------------------------------------------------------------------------
// Rules between fields, shared by the full schema and the step schemas

const SIGNALS_BY_SUBJECT: Record<TTipFields["subject"], readonly string[]> = {
  adult: ADULT_SIGNALS,
  minor: MINOR_SIGNALS,
};

function isPossiblyMinor(tip: Pick<TTipFields, "subject" | "possiblyMinor" | "signals">): boolean {
  return tip.subject === "adult" && (tip.possiblyMinor || tip.signals.includes(POSSIBLY_MINOR_SIGNAL));
}

function checkSignals(tip: Pick<TTipFields, "subject" | "signals">, ctx: TCtx): void {
  const allowed = SIGNALS_BY_SUBJECT[tip.subject];
  if (tip.signals.some((id) => !allowed.includes(id))) {
    ctx.addIssue({ code: "custom", message: "errors.signalNotForSubject" satisfies TTipErrorKey, path: ["signals"] });
  }
}

/** Choice fields inside the sections; {@link UNKNOWN_CHOICE} there is no content. */
const SECTION_CHOICES: ReadonlySet<string> = new Set(["addressStability"]);

/**
 * True when a value gives the desk something to act on: any text, list entry or known
 * choice. A choice answered "I don't know" is no content, so `{ addressStability:
 * "unknown" }` alone is not a tip (typed text is content, whatever it says).
 */
function hasContent(value: unknown): boolean {
  if (isBlank(value)) return false;
  if (Array.isArray(value)) return value.some(hasContent);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).some(([key, v]) => !(SECTION_CHOICES.has(key) && v === UNKNOWN_CHOICE) && hasContent(v));
  }
  return true;
}

function checkDetails(
  tip: Pick<TTipFields, "subject" | "possiblyMinor" | "signals" | "adult" | "minor" | "suspects" | "seenOrHeard">,
  ctx: TCtx,
): void {
  // A minor tip never carries the adult section; an adult tip carries the minor section
  // only when she may be a minor. Hidden sections must be cleared, not sent along.
  if (tip.subject === "minor" && tip.adult !== undefined) {
    ctx.addIssue({ code: "custom", message: "errors.sectionNotAllowed" satisfies TTipErrorKey, path: ["adult"] });
  }
  if (tip.subject === "adult" && tip.minor !== undefined && !isPossiblyMinor(tip)) {
    ctx.addIssue({ code: "custom", message: "errors.sectionNotAllowed" satisfies TTipErrorKey, path: ["minor"] });
  }
  // Signals alone are not a tip, nor are answers of "I don't know": something to act on
  // must be filled in.
  if (![tip.adult, tip.minor, tip.suspects, tip.seenOrHeard].some(hasContent)) {
    ctx.addIssue({ code: "custom", message: "errors.atLeastOneField" satisfies TTipErrorKey, path: [TIP_ROOT_PATH] });
  }
}

/** The tip as sealed: `possiblyMinor` made consistent with the subject and the signals. */
function finaliseTip(tip: TTipFields) {
  return { ...tip, possiblyMinor: isPossiblyMinor(tip) };
}

const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------
// Exported schemas

/**
 * A tip as the server accepts it. Trims text, removes control characters, NFC-normalises,
 * turns empty text into `undefined`, drops blank rows and blank sections, normalises
 * links, phone numbers (E.164), plates and ages, orders signals as in the brochure, and
 * rejects unknown keys at every level. Rejects a tip with nothing to act on besides
 * signals (a choice answered "unknown" is kept but does not count), sections that do not
 * belong to the subject, and tips over
 * {@link TIP_LIMITS}.tipBytes serialised. Parsing a parsed tip again gives the same tip.
 */
export const ZTip = tipFields
  .superRefine((tip, ctx) => {
    checkSignals(tip, ctx);
    checkDetails(tip, ctx);
    const bytes = encoder.encode(JSON.stringify(finaliseTip(tip))).length;
    if (bytes > TIP_LIMITS.tipBytes) {
      ctx.addIssue({ code: "custom", message: "errors.tipTooLarge" satisfies TTipErrorKey, path: [TIP_ROOT_PATH] });
    }
  })
  .transform(finaliseTip);

export type TTip = z.output<typeof ZTip>;
export type TTipInput = z.input<typeof ZTip>;
export type TTipSubject = TTip["subject"];
export type TTipAdult = NonNullable<TTip["adult"]>;
export type TTipMinor = NonNullable<TTip["minor"]>;
export type TTipSuspect = TTip["suspects"][number];

// The guided form validates the whole form value at every step; each step schema checks
// its own fields and ignores the others (`strip`), while nested sections stay strict.

/** Step 1, "Over wie gaat je melding?": the subject. */
export const ZTipSubjectStep = tipFields.pick({ subject: true }).strip();

/** Step 2, the signals: each must be on the subject's list; how long they have been seen. */
export const ZTipSignalsStep = tipFields
  .pick({ subject: true, possiblyMinor: true, signals: true, signalsSince: true })
  .strip()
  .superRefine(checkSignals);

/** Step 3, "Wat meld je?": the sections, the suspects and the free text; at least one filled in. */
export const ZTipDetailsStep = tipFields
  .pick({
    subject: true,
    possiblyMinor: true,
    signals: true,
    adult: true,
    minor: true,
    suspects: true,
    seenOrHeard: true,
  })
  .strip()
  .superRefine(checkDetails);

/** Step 4, the anonymity check before sending, validates the whole tip: {@link ZTip}. */
export const ZTipCheckStep = ZTip;

export type TTipSubjectStep = z.output<typeof ZTipSubjectStep>;
export type TTipSignalsStep = z.output<typeof ZTipSignalsStep>;
export type TTipDetailsStep = z.output<typeof ZTipDetailsStep>;

/** 32 bytes in unpadded base64url: 43 characters, the last one carrying 2 zero bits. */
const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * What gets sealed: envelope version, the channel the tip came in by (the web form, or an
 * operator typing up a phone call), the tip, and the reporter's public key (32 bytes,
 * unpadded base64url) with which the desk can answer. Strict at every level.
 */
export const ZTipEnvelope = z.strictObject(
  {
    v: z.literal(1, INVALID),
    channel: z.enum(TIP_CHANNELS, INVALID),
    tip: ZTip,
    reporterPublicKey: z.string(INVALID).regex(BASE64URL_32_BYTES, INVALID),
  },
  INVALID,
);

export type TTipEnvelope = z.output<typeof ZTipEnvelope>;
export type TTipEnvelopeInput = z.input<typeof ZTipEnvelope>;
