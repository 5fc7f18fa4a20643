// A seeded, deterministic corpus of bad requests to the public server actions and to the
// setup and login actions, as an attacker would send them over HTTP: malformed and
// type-confused arguments, wrong encodings and content types, tampered form fields,
// unknown action ids, foreign origins and oversized bodies. Same seed, same requests
// (the action ids and hidden form fields are the server's, substituted in).
import { SERVER_ACTION_BODY_LIMIT_KIB } from "@/lib/body-limit";
import { SEALED_TIP_LENGTHS } from "@/lib/crypto";
import { fromBase64Url, toBase64Url } from "@/lib/crypto/encoding";
import { ZLogin } from "@/lib/operators/validation";
import { ALL_SIGNALS } from "@/lib/tips/signals";
import { ZTip } from "@/lib/tips/tip-schema";

/** `serverActions.bodySizeLimit` in next.config.ts ("160kb", parsed by Next as 160 × 1024 bytes). */
export const BODY_LIMIT_BYTES = SERVER_ACTION_BODY_LIMIT_KIB * 1024;

export const FETCH_ACTIONS = {
  submitSealedTipAction: "/melden",
  checkStatusAction: "/status",
  sendReporterMessageAction: "/status",
  completeSetupAction: "/operator/setup",
  getLoginSaltAction: "/operator",
  logInAction: "/operator",
} as const;
export type TFetchAction = keyof typeof FETCH_ACTIONS;
export type TFormAction = "tipFormAction" | "statusFormAction";
export type TTarget = TFetchAction | TFormAction;

export const FORM_PAGES: Record<TFormAction, string> = { tipFormAction: "/melden?over=adult", statusFormAction: "/status" };

export type TFuzzContext = {
  origin: string;
  actionIds: Record<TTarget, string>;
  /** The hidden inputs React renders into each no-JavaScript form (action id, bound state, key). */
  hiddenInputs: Record<TFormAction, [string, string][]>;
};

export type TFuzzCase = {
  index: number;
  target: TTarget;
  /** What kind of bad input this is, for the report. */
  kind: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer>;
  bodyBytes: number;
  /** A correctly addressed request over the body size limit: Next refuses it before any action runs. */
  oversized?: "fetch" | "form";
  /** A correctly addressed request at most the limit long, which Next must accept. */
  atLimit?: boolean;
  /**
   * For logInAction: "yes" when the argument passes ZLogin with a canonical auth key (one
   * failed login, so one audit entry), "maybe" when React's decoding of the body could go
   * either way (a `__proto__` key, a `$` string), otherwise absent.
   */
  failedLogin?: "yes" | "maybe";
  /**
   * Names an origin that is not this site's ("Origin: null" counts as this site's only
   * with Sec-Fetch-Site: same-origin): refused with a 403 before any action runs, or a 413
   * when the body is also over the limit (the length is checked first).
   */
  foreignOrigin?: true;
};

// ---------------------------------------------------------------------------------------
// Randomness: mulberry32 from a fixed seed. Not for secrets; the same sequence every run.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  bytes(length: number): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }
}

// ---------------------------------------------------------------------------------------
// Strings

const encoder = new TextEncoder();
export const CANARY = "fuzzcanary";

const WORDS = ["tip", "gezien", "station", "kamer", "auto", "Amsterdam", "ja", "nee", "0612345678", "AB-12-CD", "https://example.org/ad?id=1", CANARY, "null", "undefined", "NaN", "true"];

// Odd Unicode and hostile snippets. Nothing here names a stack frame, a module path or a
// library, so a response that shows one did not simply echo it.
const ODD_PIECES = [
  "\u200B", "\u200C", "\u200D", "\uFEFF", "\u202E", "\u2066", "\u2069", "\u0301", "\u0308\u0308\u0308", "\u00A0", "\u2013", "\u2014",
  "\uFF10", "\uFF19", "\uFF21", "\uFF4B", "\u0410", "\u0412", "\u0415", "\u041A", "\u041E", "\u0420", "\u0421", "\u0425",
  "\u0131", "\u0130", "\u017F", "\u212A", "\u00DF", "\uFB01", "\u0663", "\u06F4", "\u{1D7CE}", "\u00B2", "\u2163", "\u2460",
  "\u{1F600}", "\u{1F469}\u200D\u{1F469}\u200D\u{1F467}", "\uD83D", "\uDE00", "\u0000", "\u0001", "\u001B[31m", "\u007F", "\u0085",
  "\u2028", "\u2029", "\r\n", "\r", "\t", "<script>alert(1)</script>", "'; DROP TABLE Tip; --", "%00", "%s%n%x", "{{7*7}}",
  "../../etc/passwd", "\\", '"', "'", "`", "Z\u0334\u0321\u031B\u0353a\u0335l\u0336g\u0337o\u0338", "\u0627\u0644\u0639\u0631\u0628\u064A\u0629",
  "\u4E2D\u6587", "\uFFFD", "\uFFFF", "\uFDD0",
];

/** Random text of odd pieces and words; never starts with `$` (React would read a reference). */
export function oddString(r: SeededRandom, maxPieces = 8): string {
  let text = "";
  const pieces = r.between(1, maxPieces);
  for (let i = 0; i < pieces; i++) text += r.chance(0.5) ? r.pick(ODD_PIECES) : `${r.pick(WORDS)} `;
  return text.startsWith("$") ? `x${text}` : text;
}

export function hugeString(r: SeededRandom, min: number, max: number): string {
  const unit = r.pick(["a", "\u00E9", "\u20AC", "\u{1F600}", '"', "\\", "\u0000", "ab\u0301 ", `${CANARY} `]);
  return unit.repeat(Math.ceil(r.between(min, max) / unit.length));
}

// ---------------------------------------------------------------------------------------
// Receipt codes and base64url

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const FULLWIDTH = (char: string) => String.fromCodePoint((char.codePointAt(0) ?? 0x30) + 0xfee0);
const HOMOGLYPHS: Record<string, string> = { A: "\u0410", B: "\u0412", E: "\u0415", K: "\u212A", M: "\u041C", H: "\u041D", P: "\u0420", C: "\u0421", T: "\u0422", X: "\u0425", S: "\u017F", "1": "\u0131", "0": "\u041E" };

function receiptLike(r: SeededRandom): string {
  let symbols = "";
  for (let i = 0; i < 16; i++) symbols += r.pick([...CROCKFORD]);
  return symbols.match(/.{4}/g)!.join("-");
}

/** Receipt codes as a confused or hostile client might spell them. */
export function oddReceiptCode(r: SeededRandom): string {
  const code = receiptLike(r);
  switch (r.int(16)) {
    case 0:
      return [...code].map((char) => (char === "-" ? char : FULLWIDTH(char))).join("");
    case 1:
      return [...code].map((char) => HOMOGLYPHS[char] ?? char).join("");
    case 2:
      return [...code].join(r.pick(["\u200B", "\u200D", "\uFEFF", "\u00AD"]));
    case 3:
      return code.replace(/-/g, r.pick(["\u2013", "\u00A0", "_", "/", ".", "\u3000", "--", ""]));
    case 4:
      return code.toLowerCase().replace(/i/g, "\u0131").replace(/s/g, "\u017F");
    case 5:
      return [...code].map((char) => `${char}\u0301`).join("");
    case 6:
      return code.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
    case 7:
      return `${code} ${code} ${code}`.slice(0, r.pick([63, 64, 65, 66]));
    case 8:
      return code.replace(/-/g, "").slice(0, r.pick([15, 17])) + (r.chance(0.5) ? "U" : "");
    case 9:
      return ` ${code} `.padEnd(r.pick([64, 65, 200]), " ");
    case 10:
      return `${code}\uD800`;
    case 11:
      return `\u202E${code}\u202C`;
    case 12:
      return "-".repeat(r.pick([16, 64, 65]));
    case 13:
      return code.replace(/[A-Z]/, "U");
    case 14:
      return r.chance(0.5) ? code : code.toLowerCase();
    default:
      return `${code}\n${oddString(r, 2)}`;
  }
}

/** Canonical base64url of random bytes; a blob at a sealed length never gets the version byte 0x01. */
function canonicalBase64(r: SeededRandom, byteLength: number): string {
  const bytes = r.bytes(byteLength);
  if (byteLength > 0 && (bytes[0] === 1 || SEALED_TIP_LENGTHS.includes(byteLength))) bytes[0] = r.pick([0x00, 0x02, 0x81, 0xff]);
  return toBase64Url(bytes);
}

function randomAlphabet(r: SeededRandom, length: number, alphabet: string): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[r.int(alphabet.length)];
  return text;
}

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A 43-character lookup token (32 bytes) that can be decoded: it passes the action's checks and misses in the database. */
export function canonicalToken(r: SeededRandom): string {
  return canonicalBase64(r, 32);
}

/** Base64url of the wrong length, alphabet or form, for tokens ("token") or sealed blobs ("blob"). */
export function oddBase64(r: SeededRandom, kind: "token" | "blob"): string {
  const sealed = r.pick(SEALED_TIP_LENGTHS);
  switch (r.int(11)) {
    case 0:
      return canonicalBase64(r, kind === "token" ? r.pick([0, 1, 2, 16, 31, 33, 48, 64]) : sealed + r.pick([-3, -1, 1, 2, 48]));
    case 1:
      return randomAlphabet(r, kind === "token" ? r.pick([41, 42, 44, 45]) : Math.ceil((sealed * 4) / 3) + r.pick([-1, 1]), B64URL);
    case 2: {
      const token = canonicalToken(r);
      const at = r.int(43);
      return token.slice(0, at) + r.pick(["=", "+", "/", " ", "\n", "%", "\u00E9", "\u0000", "."]) + token.slice(at + 1);
    }
    case 3: {
      // 32 bytes end in a character whose two unused bits must be zero; set one.
      const token = canonicalToken(r);
      const last = B64URL.indexOf(token[42] ?? "A");
      return token.slice(0, 42) + B64URL[(last & ~3) | (1 + r.int(3))];
    }
    case 4:
      return randomAlphabet(r, kind === "token" ? 41 : 4 * r.between(1, 2000) + 1, B64URL);
    case 5:
      return kind === "token" ? canonicalBase64(r, 32) : canonicalBase64(r, sealed);
    case 6:
      return kind === "token" ? randomAlphabet(r, 100_001, B64URL).slice(0, r.pick([43, 100_000, 100_001])) : randomAlphabet(r, r.pick([100_000, 100_001]), B64URL);
    case 7:
      return Buffer.from(r.bytes(kind === "token" ? 32 : sealed)).toString("base64");
    case 8:
      return Buffer.from(r.bytes(kind === "token" ? 21 : 64)).toString("hex");
    case 9:
      return `${canonicalToken(r)}==`;
    default:
      return oddString(r, 3);
  }
}

// ---------------------------------------------------------------------------------------
// JSON text of confused values (text, so that `__proto__` and duplicate keys survive)

const NUMBERS = ["0", "-0", "1", "-1", "3.14", "1e308", "-1e308", "5e-324", "9007199254740993", "1e999", "43", "100000"];
const REACT_REFERENCES = ["$", "$$", "$@0", "$@1", "$@ffff", "$F", "$Fabc", "$T", "$Q1", "$W1", "$K1", "$B1", "$b1", "$A1", "$O1", "$U1", "$S", "$Sx", "$h1", "$i", "$I", "$-Infinity", "$NaN", "$n1", "$nxyz", "$D", "$Dnot-a-date", "$R1", "$r1", "$X1", "$Y", "$Z", "$l1", "$E", "$1", "$ffffffffff", "$-1", "$undefined", "$-0"];
const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "then", "smuggled", "", "\u0000", "$$typeof"];

export function jsonObject(entries: [string, string][]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;
}

export function confusedValue(r: SeededRandom, depth = 0): string {
  switch (r.int(depth > 2 ? 8 : 11)) {
    case 0:
      return r.pick(NUMBERS);
    case 1:
      return r.pick(["true", "false", "null"]);
    case 2:
    case 3:
      return JSON.stringify(oddString(r));
    case 4:
      return JSON.stringify(r.chance(0.2) ? hugeString(r, 10_000, 60_000) : hugeString(r, 100, 5_000));
    case 5:
      return JSON.stringify(oddBase64(r, r.chance(0.7) ? "token" : "blob"));
    case 6:
      return JSON.stringify(oddReceiptCode(r));
    case 7:
      return r.pick(["[]", "{}", '""', '" "', `[${Array.from({ length: r.pick([100, 1000, 5000]) }, () => r.int(10)).join(",")}]`, `"${"\\u0000".repeat(500)}"`]);
    case 8: {
      const length = r.between(0, 5);
      return `[${Array.from({ length }, () => confusedValue(r, depth + 1)).join(",")}]`;
    }
    case 9:
      return jsonObject(Array.from({ length: r.between(0, 4) }, () => [r.chance(0.4) ? r.pick(HOSTILE_KEYS) : oddString(r, 2), confusedValue(r, depth + 1)]));
    default:
      return jsonObject([["__proto__", jsonObject([["polluted", JSON.stringify(CANARY)], ["lookupToken", JSON.stringify(canonicalToken(r))]])]]);
  }
}

/** An object with the action's field names, values mostly plausible and a few confused, keys dropped, added or doubled. */
function shapedObject(r: SeededRandom, fields: [string, () => string][], mutate = true): string {
  const entries: [string, string][] = fields.map(([key, value]) => [key, value()]);
  if (mutate) {
    if (r.chance(0.15) && entries.length > 0) entries.splice(r.int(entries.length), 1);
    if (r.chance(0.15)) entries.push([r.pick(HOSTILE_KEYS), confusedValue(r, 2)]);
    if (r.chance(0.05) && entries.length > 0) entries.push([entries[r.int(entries.length)]![0], confusedValue(r, 2)]);
    if (r.chance(0.3) && entries.length > 0) entries[r.int(entries.length)]![1] = confusedValue(r, 1);
  }
  return jsonObject(entries);
}

const tokenOrOdd = (r: SeededRandom, pCanonical: number) => () => JSON.stringify(r.chance(pCanonical) ? canonicalToken(r) : oddBase64(r, "token"));
const blobOrOdd = (r: SeededRandom) => () => JSON.stringify(oddBase64(r, "blob"));
const canonicalOf = (r: SeededRandom, bytes: number) => () => JSON.stringify(toBase64Url(r.bytes(bytes)));

let loginSerial = 0;
function loginName(r: SeededRandom): string {
  loginSerial += 1;
  // A few failures against the real operator's name (delays, then the lock); otherwise
  // names of their own, so that one name's delays do not stall the run.
  if (loginSerial % 40 === 7) return r.pick(["Test Operator", " test operator ", "TEST OPERATOR"]);
  // Well-formed UTF-16 is not something ZLogin asks of a name.
  if (loginSerial % 40 === 27) return `${r.pick(["Test Operator", "Nieuw"])}${r.pick(["\uD800", "\uDC00", "\uD83D"])} ${loginSerial}`;
  return `${oddString(r, 3).slice(0, 40)} ${loginSerial}`;
}

/** The action's argument, shaped like what its browser code sends, as JSON text. */
export function shapedArgument(r: SeededRandom, target: TFetchAction): string {
  switch (target) {
    case "submitSealedTipAction":
      return shapedObject(r, [
        ["sealedTip", blobOrOdd(r)],
        ["lookupToken", tokenOrOdd(r, 0.6)],
      ]);
    case "checkStatusAction":
      return shapedObject(r, [["lookupToken", tokenOrOdd(r, 0.5)]]);
    case "sendReporterMessageAction":
      return shapedObject(r, [
        ["lookupToken", tokenOrOdd(r, 0.6)],
        ["sealedForDesk", blobOrOdd(r)],
        ["sealedForReporter", blobOrOdd(r)],
      ]);
    case "completeSetupAction":
      return shapedObject(
        r,
        [
          ["token", canonicalOf(r, 32)],
          ["name", () => JSON.stringify(r.chance(0.5) ? `Fuzz Operator ${r.int(1000)}` : oddString(r, 4))],
          ["kdfSalt", canonicalOf(r, 16)],
          ["authKey", canonicalOf(r, 32)],
          ["publicKey", canonicalOf(r, 32)],
          ["wrappedPrivateKey", canonicalOf(r, 72)],
          ["deskPublicKey", canonicalOf(r, 32)],
          ["grant", canonicalOf(r, 80)],
        ],
        r.chance(0.8),
      );
    case "getLoginSaltAction":
      return r.chance(0.6) ? JSON.stringify(r.chance(0.3) ? "Test Operator" : oddString(r, 5)) : confusedValue(r);
    case "logInAction":
      return shapedObject(
        r,
        [
          ["name", () => JSON.stringify(loginName(r))],
          ["authKey", r.chance(0.7) ? canonicalOf(r, 32) : () => JSON.stringify(oddBase64(r, "token"))],
        ],
        r.chance(0.5),
      );
  }
}

// ---------------------------------------------------------------------------------------
// What a logInAction body does to the audit log

function hasReactOrProtoHazard(root: unknown): boolean {
  // Iterative: the corpus nests arrays 10,000 deep.
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string" && value.startsWith("$")) return true;
    if (Array.isArray(value)) pending.push(...value);
    else if (value && typeof value === "object") {
      if (Object.keys(value).includes("__proto__")) return true;
      pending.push(...Object.values(value));
    }
  }
  return false;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isCanonicalBase64Url(text: string): boolean {
  try {
    fromBase64Url(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether this (well-addressed) logInAction body makes the server record a failed login. */
export function failedLoginFor(bodyText: string): "yes" | "maybe" | undefined {
  let args: unknown;
  try {
    args = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (!Array.isArray(args) || args.length > 1000) return undefined;
  const parsed = ZLogin.safeParse(args[0]);
  if (hasReactOrProtoHazard(args)) return "maybe";
  // Today a name with a lone surrogate fails in the database lookup (Prisma cannot send it
  // as text) before the failure is counted: "errors.unexpected", no audit entry.
  if (parsed.success && LONE_SURROGATE.test(parsed.data.name)) return "maybe";
  return parsed.success && isCanonicalBase64Url(parsed.data.authKey) ? "yes" : undefined;
}

export function isStorableTip(payload: string): boolean {
  try {
    return ZTip.safeParse(JSON.parse(payload)).success;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Multipart bodies, built byte by byte so that names, values and framing can be broken

export type TPart = { name: string | Uint8Array; value: string | Uint8Array; filename?: string; headers?: string[] };

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const wellFormed = (text: string) => text.replace(new RegExp(LONE_SURROGATE.source, "g"), "\uFFFD");
const bytesOf = (value: string | Uint8Array) => (typeof value === "string" ? encoder.encode(value) : value);

export function multipart(parts: TPart[], boundary: string, options: { newline?: string; close?: boolean } = {}): Uint8Array<ArrayBuffer> {
  const nl = options.newline ?? "\r\n";
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const name = typeof part.name === "string" ? encoder.encode(part.name.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A")) : part.name;
    chunks.push(encoder.encode(`--${boundary}${nl}Content-Disposition: form-data; name="`), name, encoder.encode(`"${part.filename === undefined ? "" : `; filename="${part.filename}"`}${nl}`));
    for (const header of part.headers ?? []) chunks.push(encoder.encode(`${header}${nl}`));
    chunks.push(encoder.encode(nl), bytesOf(part.value), encoder.encode(nl));
  }
  if (options.close !== false) chunks.push(encoder.encode(`--${boundary}--${nl}`));
  return concat(chunks);
}

const INVALID_UTF8 = [[0xff], [0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3]];

/** The text as UTF-8 with invalid sequences spliced in at random places. */
export function withInvalidUtf8(r: SeededRandom, text: string, count: number): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array = encoder.encode(text);
  for (let i = 0; i < count; i++) {
    const at = r.int(bytes.length + 1);
    bytes = concat([bytes.subarray(0, at), new Uint8Array(r.pick(INVALID_UTF8)), bytes.subarray(at)]);
  }
  return concat([bytes]);
}

// ---------------------------------------------------------------------------------------
// The corpus

const TIP_FIELDS = [
  "subject", "possiblyMinor", "signals", "signalsSince", "seenOrHeard", "adult.workplace", "adult.age", "adult.ads.0.url", "adult.ads.0.adNumber", "adult.ads.9.url",
  "adult.adNameAndPhone", "adult.workingHours", "adult.arrangedBy", "adult.paidTo", "adult.companionTraits", "adult.plates.0", "adult.price", "adult.locationOwnerContact",
  "adult.origin", "adult.companionContact", "adult.dependency", "adult.companionArranges", "adult.blackmail", "minor.residence", "minor.age", "minor.addressStability",
  "minor.associates", "minor.phones.0", "minor.activities", "minor.whereabouts", "suspects.0.name", "suspects.0.phones.0", "suspects.0.vehicles.0", "suspects.0.address",
  "suspects.0.description", "suspects.4.name", "receipt",
];
const HOSTILE_FIELD_NAMES = [
  "__proto__", "__proto__.polluted", "adult.__proto__.polluted", "constructor.prototype.polluted", "prototype", "adult.ads.64.url", "adult.ads.999.url", "adult.ads.-1.url",
  "adult.ads.01.url", "adult.ads.1e3.url", "a.b.c.d.e.f", "adult", "adult.ads", "signals.0", "0", "", "x".repeat(101), "adult..workplace", ".adult", "adult.",
  "\u00E4dult.workplace", "adult.workplace.extra", "suspects.0", "suspects.99.name", "seenOrHeard.0", "subject.subject",
];
const TIP_VALUES = [
  "adult", "minor", "ADULT", "adult\u0000", "", " ", "on", "off", "true", "1", "-1", "999", "1e3", "0x10", "\u0661\u0662", "twelve", "fixed", "moves-often", "weeks",
  "javascript:alert(1)", "http://user:pass@example.org/?utm_source=x&fbclid=y", "http://[::1]:99999/", "ftp://example.org", `http://${"a".repeat(3000)}.nl`, "+31 6 1234 5678",
  "00316123456789012345678901234567890", "AB-12-CD", "\u{1F697}", "[object Object]", '{"subject":"adult"}', "__proto__",
];
const XFF_GARBAGE = ["unknown", "::1", "999.1.1.1", "::ffff:10.9.8.7", "fe80::1%eth0", "1.2.3.4:8080", "[2001:db8::1]", ",,,,", " ", "127.0.0.1 127.0.0.2", "0", "1.2.3", "a".repeat(4000), "::ffff:999.1.1.1", "2001:db8::1::2"];
const STATUS_INTENTS = ["check", "answer", "done", "", "CHECK", "send", "answer\u0000"];

type TEnvelope = { path: string; origin?: string | null; secFetchSite?: boolean };

export function* fuzzCorpus(seed: number, count: number, context: TFuzzContext): Generator<TFuzzCase> {
  const r = new SeededRandom(seed);
  let bucket = 0;
  loginSerial = 0;
  const schedule: TTarget[] = ["tipFormAction", "tipFormAction", "statusFormAction", "submitSealedTipAction", "checkStatusAction", "sendReporterMessageAction", "completeSetupAction", "getLoginSaltAction", "logInAction"];

  /** X-Forwarded-For for the status page: mostly a fresh address bucket, so the limiter counts but does not delay. */
  function forwardedFor(): Record<string, string> {
    const n = bucket++;
    const fresh = r.chance(0.2) ? `2001:db8:${n.toString(16)}::${r.int(65535).toString(16)}` : `10.${(n >> 8) & 255}.${n & 255}.${1 + r.int(250)}`;
    const roll = r.next();
    if (roll < 0.03) return {};
    if (roll < 0.07) return { "x-forwarded-for": r.pick(XFF_GARBAGE) };
    if (roll < 0.5) return { "x-forwarded-for": `${r.pick(XFF_GARBAGE)}, ${fresh}` };
    return { "x-forwarded-for": fresh };
  }

  function envelope(target: TTarget, kind: string): TEnvelope {
    const home = target === "tipFormAction" || target === "statusFormAction" ? FORM_PAGES[target] : FETCH_ACTIONS[target];
    if (kind !== "origin" && kind !== "path") return { path: home };
    if (kind === "path") return { path: r.pick(["/", "/en", "/privacy", "/threat-model", "/operator", "/status", "/melden", "/nl/status", "/en/melden?over=minor", "/operator/setup", "/no-such-page", "/_next/static/x.js"]) };
    const origin = r.pick([null, "null", "null+fetch-site", "http://evil.example", "http://127.0.0.1:1", "not a url", "http://localhost", "https://127.0.0.1", `${context.origin}.evil.example`]);
    if (origin === "null+fetch-site") return { path: home, origin: "null", secFetchSite: true };
    return { path: home, origin };
  }

  function headersFor(target: TTarget, env: TEnvelope, extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    const origin = env.origin === undefined ? context.origin : env.origin;
    if (origin !== null) headers.origin = origin;
    if (env.secFetchSite) headers["sec-fetch-site"] = "same-origin";
    if (target === "checkStatusAction" || target === "sendReporterMessageAction" || target === "statusFormAction") Object.assign(headers, forwardedFor());
    return headers;
  }

  const originAccepted = (env: TEnvelope) => env.origin === undefined || env.origin === null || (env.origin === "null" && env.secFetchSite === true);

  function fetchCase(index: number, target: TFetchAction, kind: string, body: string | Uint8Array<ArrayBuffer>, options: { env?: TEnvelope; actionId?: string | null; contentType?: string | null } = {}): TFuzzCase {
    const env = options.env ?? envelope(target, kind);
    const extra: Record<string, string> = {};
    const actionId = options.actionId === undefined ? context.actionIds[target] : options.actionId;
    if (actionId !== null) extra["next-action"] = actionId;
    const contentType = options.contentType === undefined ? "text/plain;charset=UTF-8" : options.contentType;
    if (contentType !== null) extra["content-type"] = contentType;
    const bytes = typeof body === "string" ? encoder.encode(body) : body;
    const addressed = actionId === context.actionIds[target] && env.path === FETCH_ACTIONS[target] && originAccepted(env) && !/multipart|urlencoded/.test(contentType ?? "");
    const fuzzCase: TFuzzCase = { index, target, kind, path: env.path, headers: headersFor(target, env, extra), body: typeof body === "string" ? body : bytes, bodyBytes: bytes.length };
    if (addressed && bytes.length > BODY_LIMIT_BYTES) fuzzCase.oversized = "fetch";
    if (!originAccepted(env)) fuzzCase.foreignOrigin = true;
    if (addressed && bytes.length <= BODY_LIMIT_BYTES && target === "logInAction") {
      const failed = failedLoginFor(Buffer.from(bytes).toString("utf8"));
      if (failed) fuzzCase.failedLogin = failed;
    }
    return fuzzCase;
  }

  function formCase(index: number, target: TFormAction, kind: string, parts: TPart[], options: { env?: TEnvelope; boundary?: string; contentType?: string; newline?: string; close?: boolean; raw?: Uint8Array<ArrayBuffer> } = {}): TFuzzCase {
    const env = options.env ?? envelope(target, kind);
    const boundary = options.boundary ?? `fz${randomAlphabet(r, 10, B64URL)}`;
    const body = options.raw ?? multipart(parts, boundary, { newline: options.newline, close: options.close });
    const headers = headersFor(target, env, { "content-type": options.contentType ?? `multipart/form-data; boundary=${boundary}` });
    const fuzzCase: TFuzzCase = { index, target, kind, path: env.path, headers, body, bodyBytes: body.length };
    if (body.length > BODY_LIMIT_BYTES && originAccepted(env) && /^multipart\/form-data/.test(headers["content-type"] ?? "")) fuzzCase.oversized = "form";
    if (!originAccepted(env)) fuzzCase.foreignOrigin = true;
    return fuzzCase;
  }

  const hidden = (target: TFormAction): TPart[] => context.hiddenInputs[target].map(([name, value]) => ({ name, value }));

  /** A no-JavaScript tip that must not be storable: a "send" whose payload would pass gets an unknown key. */
  function guardSend(parts: TPart[]): TPart[] {
    const first = (name: string) => parts.find((part) => part.name === name && part.filename === undefined);
    const intent = first("intent");
    const payload = first("payload");
    if (!intent || !payload || Buffer.from(bytesOf(intent.value)).toString("utf8") !== "send") return parts;
    const text = Buffer.from(bytesOf(payload.value)).toString("utf8");
    if (isStorableTip(text)) payload.value = JSON.stringify({ ...(JSON.parse(text) as object), smuggled: CANARY });
    return parts;
  }

  function tipPayload(): string {
    const base: [string, string][] = [
      ["subject", JSON.stringify(r.pick(["adult", "minor"]))],
      ["signals", JSON.stringify([r.pick(ALL_SIGNALS)])],
      ["seenOrHeard", JSON.stringify(oddString(r, 6))],
    ];
    switch (r.int(9)) {
      case 0:
        return "[".repeat(10_000) + "]".repeat(10_000);
      case 1:
        return r.pick(["{not json", "null", "[]", "1", '"tip"', "{}", "", "\uFEFF{}", '{"subject":"adult",}', "{'subject':'adult'}"]);
      case 2:
        return jsonObject([["__proto__", jsonObject(base)], ...base.slice(0, 1)]);
      case 3:
        return jsonObject([...base, ["seenOrHeard", JSON.stringify(hugeString(r, 10_001, 40_000))]]);
      case 4:
        return jsonObject([...base, ["signals", `[${Array.from({ length: 200 }, () => JSON.stringify(r.pick(ALL_SIGNALS))).join(",")}]`]]);
      case 5:
        return jsonObject([...base, ["adult", jsonObject([["workplace", confusedValue(r, 2)], [r.pick(HOSTILE_KEYS), confusedValue(r, 2)]])], ["minor", confusedValue(r, 2)]]);
      case 6:
        return `{"subject":"adult","seenOrHeard":${JSON.stringify(`${CANARY} `.repeat(8_000))}}`;
      case 7:
        return "x".repeat(64 * 1024 + 1);
      default:
        return shapedObject(r, base.map(([key, value]) => [key, () => value] as [string, () => string]));
    }
  }

  function tipFields(n: number): TPart[] {
    const parts: TPart[] = [];
    for (let i = 0; i < n; i++) {
      const name = r.chance(0.2) ? r.pick(HOSTILE_FIELD_NAMES) : r.pick(TIP_FIELDS);
      const value = r.chance(0.4) ? r.pick(TIP_VALUES) : name === "signals" ? r.pick([...ALL_SIGNALS, "no-such-signal"]) : r.chance(0.1) ? hugeString(r, 500, 12_000) : oddString(r);
      parts.push({ name, value });
    }
    return parts;
  }

  function statusFields(): TPart[] {
    const parts: TPart[] = [];
    if (r.chance(0.9)) parts.push({ name: "code", value: r.chance(0.7) ? oddReceiptCode(r) : r.chance(0.5) ? oddString(r, 4) : hugeString(r, 60, 300) });
    if (r.chance(0.9)) parts.push({ name: "intent", value: r.pick(STATUS_INTENTS) });
    if (r.chance(0.5)) parts.push({ name: "message", value: r.chance(0.2) ? hugeString(r, 4_990, 6_000) : oddString(r, 6) });
    if (r.chance(0.1)) parts.push({ name: r.pick(["code", "intent", "message"]), value: oddString(r, 2) });
    return parts;
  }

  function tamperedHidden(target: TFormAction): TPart[] {
    const parts = hidden(target);
    const ids = Object.values(context.actionIds);
    switch (r.int(10)) {
      case 0:
        return parts.filter((part) => part.name !== "$ACTION_REF_1");
      case 1:
        return parts.filter((part) => part.name !== "$ACTION_1:0");
      case 2:
        return parts.filter((part) => part.name !== "$ACTION_1:1");
      case 3:
        return parts.map((part) => (part.name === "$ACTION_1:0" ? { name: part.name, value: JSON.stringify({ id: r.pick([...ids, randomAlphabet(r, 42, "0123456789abcdef"), "toString", "__proto__", ""]), bound: "$@1" }) } : part));
      case 4:
        return parts.map((part) => (part.name === "$ACTION_1:0" ? { name: part.name, value: r.pick(["nope", "{", "null", "[]", '{"id":1}', '{"bound":"$@1"}', JSON.stringify({ id: context.actionIds[target], bound: null })]) } : part));
      case 5:
        return parts.map((part) => (part.name === "$ACTION_1:1" ? { name: part.name, value: r.pick(["[", "null", "[]", '[{"phase":"review"}]', '"$@1"', '["$T"]', '["$h1"]', "[".repeat(5_000) + "]".repeat(5_000), `[${confusedValue(r)}]`]) } : part));
      case 6:
        return parts.map((part) => (part.name === "$ACTION_KEY" ? { name: part.name, value: oddString(r, 3) } : part));
      case 7:
        return [{ name: `$ACTION_ID_${r.pick(ids)}`, value: "" }];
      case 8:
        return [...parts, { name: "$ACTION_REF_2", value: "" }, { name: "$ACTION_2:0", value: JSON.stringify({ id: r.pick(ids), bound: "$@1" }) }, { name: "$ACTION_2:1", value: `[${confusedValue(r)}]` }];
      default:
        return [...parts, { name: `$ACTION_ID_${randomAlphabet(r, 42, "0123456789abcdef")}`, value: "" }];
    }
  }

  function formFields(target: TFormAction): TPart[] {
    if (target === "statusFormAction") return statusFields();
    const fields = tipFields(r.between(1, 12));
    fields.unshift({ name: "intent", value: r.pick(["review", "review", "review", "edit", "send", "", "REVIEW", "review\u0000"]) });
    if (r.chance(0.3)) fields.push({ name: "payload", value: tipPayload() });
    return fields;
  }

  function oversizedCase(index: number, variant: number): TFuzzCase {
    const total = variant < 2 ? BODY_LIMIT_BYTES + 40 * 1024 : 2 * 1024 * 1024;
    const fetchTargets = Object.keys(FETCH_ACTIONS) as TFetchAction[];
    if (variant % 2 === 0) {
      const target = fetchTargets[index % fetchTargets.length]!;
      const head = `[{"lookupToken":${JSON.stringify(canonicalToken(r))},"pad":"`;
      return fetchCase(index, target, `oversized-${total / 1024}k`, `${head}${"A".repeat(total - head.length - 3)}"}]`);
    }
    const target: TFormAction = index % 3 === 0 ? "statusFormAction" : "tipFormAction";
    return paddedForm(index, target, `oversized-${total / 1024}k`, total);
  }

  /** A well-formed no-JavaScript post padded to exactly `total` bytes. */
  function paddedForm(index: number, target: TFormAction, kind: string, total: number): TFuzzCase {
    const boundary = `fz${randomAlphabet(r, 10, B64URL)}`;
    const parts: TPart[] = [...hidden(target), { name: "intent", value: target === "tipFormAction" ? "review" : "check" }, { name: target === "tipFormAction" ? "seenOrHeard" : "message", value: "" }];
    const bare = multipart(parts, boundary).length;
    parts[parts.length - 1]!.value = "B".repeat(total - bare);
    return formCase(index, target, kind, parts, { boundary, env: { path: FORM_PAGES[target] } });
  }

  // Fixed cases first: the body size limit to the byte, and what is just over it.
  const fixed: TFuzzCase[] = [];
  for (const total of [BODY_LIMIT_BYTES, BODY_LIMIT_BYTES + 1]) {
    const head = '[{"lookupToken":"';
    const fetchEdge = fetchCase(fixed.length, "checkStatusAction", total === BODY_LIMIT_BYTES ? "at-limit" : "over-limit-by-1", `${head}${"A".repeat(total - head.length - 3)}"}]`);
    const formEdge = paddedForm(fixed.length + 1, "tipFormAction", total === BODY_LIMIT_BYTES ? "at-limit" : "over-limit-by-1", total);
    if (total === BODY_LIMIT_BYTES) fetchEdge.atLimit = formEdge.atLimit = true;
    fixed.push(fetchEdge, formEdge);
  }
  for (const fuzzCase of fixed) yield fuzzCase;

  for (let index = fixed.length; index < count; index++) {
    if (index % 100 === 50) {
      yield oversizedCase(index, Math.floor(index / 100) % 4);
      continue;
    }
    const target = schedule[index % schedule.length]!;
    if (target === "tipFormAction" || target === "statusFormAction") {
      const kind = r.pick(["fields", "fields", "fields", "fields", target === "tipFormAction" ? "payload" : "fields", "many-fields", "invalid-utf8", "hidden-tamper", "hidden-tamper", "encoding", "origin", "path"]);
      switch (kind) {
        case "many-fields": {
          const n = r.pick([1000, 1500, 2000, 2500, 5000]);
          const parts = [...hidden(target), { name: "intent", value: target === "tipFormAction" ? "review" : "check" }];
          for (let i = 0; i < n; i++) parts.push({ name: r.chance(0.3) ? "signals" : r.chance(0.5) ? `adult.ads.${r.int(100)}.url` : r.pick([...TIP_FIELDS, "code", "message"]), value: r.pick(["x", "1", "", "under-pressure"]) });
          yield formCase(index, target, kind, guardSend(parts), { boundary: `z${r.int(10)}` });
          break;
        }
        case "invalid-utf8": {
          const parts = [...hidden(target), ...formFields(target)].map((part) =>
            part.name.toString().startsWith("$ACTION") || r.chance(0.5) ? part : { name: r.chance(0.2) ? withInvalidUtf8(r, part.name.toString(), 1) : part.name, value: withInvalidUtf8(r, part.value.toString(), r.between(1, 4)) },
          );
          yield formCase(index, target, kind, guardSend(parts));
          break;
        }
        case "hidden-tamper":
          yield formCase(index, target, kind, guardSend([...tamperedHidden(target), ...formFields(target)]));
          break;
        case "encoding": {
          const parts = guardSend([...hidden(target), ...formFields(target)]);
          const boundary = `fz${randomAlphabet(r, 8, B64URL)}`;
          switch (r.int(9)) {
            case 0:
              yield formCase(index, target, kind, parts, { boundary, contentType: "multipart/form-data" });
              break;
            case 1:
              yield formCase(index, target, kind, parts, { boundary, contentType: "multipart/form-data; boundary=someotherboundary" });
              break;
            case 2:
              yield formCase(index, target, kind, parts, { boundary, close: false });
              break;
            case 3:
              yield formCase(index, target, kind, parts, { boundary, newline: "\n" });
              break;
            case 4:
              yield formCase(index, target, kind, parts.map((part) => ({ ...part, filename: r.chance(0.5) ? "tip.txt" : "", headers: ["Content-Type: application/octet-stream"] })), { boundary });
              break;
            case 5:
              yield formCase(index, target, kind, parts.map((part) => ({ ...part, headers: [r.pick(["Content-Type: text/plain; charset=utf-16le", "Content-Transfer-Encoding: base64", "Content-Type: multipart/mixed; boundary=inner"])] })), { boundary });
              break;
            case 6: {
              const text = parts.map((part) => `${encodeURIComponent(wellFormed(part.name.toString()))}=${encodeURIComponent(wellFormed(part.value.toString()))}`).join("&");
              yield formCase(index, target, kind, [], { raw: encoder.encode(text), contentType: r.pick(["application/x-www-form-urlencoded", "text/plain", "application/json"]) });
              break;
            }
            case 7: {
              const utf16 = Buffer.from(Buffer.from(multipart(parts, boundary)).toString("latin1"), "utf16le");
              yield formCase(index, target, kind, [], { raw: new Uint8Array(utf16), contentType: `multipart/form-data; boundary=${boundary}; charset=utf-16le` });
              break;
            }
            default:
              yield formCase(index, target, kind, [], { raw: r.chance(0.5) ? new Uint8Array(0) : r.bytes(r.between(1, 4000)), contentType: `multipart/form-data; boundary=${boundary}` });
          }
          break;
        }
        case "payload": {
          const parts: TPart[] = [...hidden(target), { name: "intent", value: r.pick(["send", "send", "send", "edit", "edit", "review", "publish"]) }, { name: "payload", value: tipPayload() }];
          if (r.chance(0.5)) parts.push({ name: "receipt", value: r.pick([oddBase64(r, "token"), "x".repeat(201), randomAlphabet(r, 200, B64URL), ""]) });
          yield formCase(index, target, kind, guardSend(parts));
          break;
        }
        default:
          yield formCase(index, target, kind, guardSend([...hidden(target), ...formFields(target)]));
      }
      continue;
    }

    const kind = r.pick(["shaped", "shaped", "shaped", "shaped", "shaped", "shaped", "typed", "typed", "typed", "malformed", "malformed", "react-reference", "invalid-utf8", "deep", "content-type", "multipart", "action-id", "action-id", "origin", "path"]);
    const argument = () => (kind === "typed" || r.chance(0.1) ? confusedValue(r) : shapedArgument(r, target));
    const argumentList = () => {
      const arg = argument();
      return r.pick([`[${arg}]`, `[${arg}]`, `[${arg}]`, `[${arg}]`, "[]", `[${arg},${arg}]`, `[${arg},1,null]`, arg]);
    };
    switch (kind) {
      case "malformed": {
        const valid = `[${shapedArgument(r, target)}]`;
        const broken = r.pick([
          () => valid.slice(0, r.int(valid.length)),
          () => valid.slice(0, r.int(valid.length)) + r.pick(["{", "[", '"', ",", ":", "}", "]", "\\", "\u0000"]) + valid.slice(r.int(valid.length)),
          () => valid.replace(/"/, "'"),
          () => valid.replace(/:/g, "="),
          () => r.pick(["", " ", "[", "[[", "{", "[{", '[{"a":', '[{"a":1,}]', "[1,]", "[,1]", "['a']", "[undefined]", "[NaN]", "[Infinity]", "[-]", "[01]", "[1e]", "[.5]", '["\\x41"]', '["\\u12"]', '["\t"]', "\uFEFF[]", "[] []", "[]garbage", "null", "true", "0", '"string"', "{}", '{"0":1}', "/* */[]", "\u0000", `[${CANARY}]`]),
        ])();
        yield fetchCase(index, target, kind, broken);
        break;
      }
      case "react-reference": {
        const reference = JSON.stringify(r.pick(REACT_REFERENCES));
        const keys = shapedArgument(r, target).match(/"([A-Za-z]+)":/g)?.map((key) => key.slice(1, -2)) ?? ["lookupToken"];
        yield fetchCase(index, target, kind, r.chance(0.5) ? `[${reference}]` : `[${jsonObject(keys.map((key) => [key, r.chance(0.5) ? reference : JSON.stringify(oddString(r, 2))]))}]`);
        break;
      }
      case "invalid-utf8":
        yield fetchCase(index, target, kind, withInvalidUtf8(r, argumentList(), r.between(1, 6)));
        break;
      case "deep":
        yield fetchCase(index, target, kind, r.pick([`[${"[".repeat(10_000)}${"]".repeat(10_000)}]`, `[${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}]`, `[${'{"lookupToken":'.repeat(5_000)}"x"${"}".repeat(5_000)}]`, `[${"[".repeat(50_000)}${"]".repeat(50_000)}]`]));
        break;
      case "content-type": {
        const body = argumentList();
        const variant = r.int(8);
        if (variant === 0) yield fetchCase(index, target, kind, encoder.encode(body), { contentType: null });
        else if (variant === 1) yield fetchCase(index, target, kind, new Uint8Array(Buffer.from(body, "utf16le")), { contentType: "text/plain;charset=UTF-16LE" });
        else if (variant === 2) yield fetchCase(index, target, kind, new Uint8Array(Buffer.from(body, "latin1")), { contentType: "text/plain; charset=iso-8859-1" });
        else yield fetchCase(index, target, kind, body, { contentType: r.pick(["application/json", "application/x-www-form-urlencoded", "application/octet-stream", "text/html", "multipart/form-data", "multipart/form-data; boundary=x", "image/png", "text/plain; charset=bogus"]) });
        break;
      }
      case "multipart": {
        const n = r.pick([10, 1000, 2000, 3000]);
        const boundary = `m${r.int(1000)}`;
        const parts: TPart[] = [];
        const chain = r.chance(0.5);
        if (r.chance(0.8)) parts.push({ name: "0", value: chain ? '["$1"]' : '[{"multipart":true}]' });
        for (let i = 1; i <= n; i++) parts.push(chain ? { name: i.toString(16), value: i < n ? `{"next":"$${(i + 1).toString(16)}"}` : "{}" } : { name: r.chance(0.5) ? String(r.int(n * 2)) : oddString(r, 1), value: r.pick(["1", '"$@0"', "[", "{}", '"x"']) });
        yield fetchCase(index, target, kind, multipart(parts, boundary), { contentType: `multipart/form-data; boundary=${boundary}` });
        break;
      }
      case "action-id": {
        const own = context.actionIds[target];
        const other = r.pick(Object.values(context.actionIds));
        const id = r.pick<string | null>([null, "", " ", "toString", "__proto__", "constructor", "hasOwnProperty", randomAlphabet(r, 42, "0123456789abcdef"), own.toUpperCase(), `${own}00`, own.slice(0, 40), other, "../../etc/passwd", "x".repeat(4000), `${own},${own}`]);
        yield fetchCase(index, target, kind, argumentList(), { actionId: id });
        break;
      }
      case "origin":
      case "path":
        yield fetchCase(index, target, kind, argumentList());
        break;
      default:
        yield fetchCase(index, target, kind, argumentList());
    }
  }
}
