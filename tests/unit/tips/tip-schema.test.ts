import { describe, expect, it } from "vitest";

import { ADULT_SIGNALS, ALL_SIGNALS, MINOR_SIGNALS, SIGNALS_SINCE } from "@/lib/tips/signals";
import {
  TIP_ERROR_KEYS,
  TIP_LIMITS,
  ZTip,
  ZTipDetailsStep,
  ZTipEnvelope,
  ZTipSignalsStep,
  ZTipSubjectStep,
  type TTipInput,
} from "@/lib/tips/tip-schema";

type TIssue = [string, string];

/** The issues of a parse as ["dotted.path", "message key"]. */
function issues(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown): TIssue[] {
  const r = schema.safeParse(input);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => [i.path.map(String).join("."), i.message]);
}
const tipIssues = (input: unknown) => issues(ZTip, input);

/** A minimal valid tip with one extra part. */
const adult = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ subject: "adult", adult: fields, ...extra });
const minor = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ subject: "minor", minor: fields, ...extra });

const SHORT_ADULT = ["workplace", "adNameAndPhone", "workingHours", "paidTo", "price", "locationOwnerContact", "origin", "companionContact"];
const LONG_ADULT = ["arrangedBy", "companionTraits", "dependency", "companionArranges", "blackmail"];
const SHORT_MINOR = ["residence"];
const LONG_MINOR = ["associates", "activities", "whereabouts"];

describe("ZTip — subject, signals and how long", () => {
  it("requires a subject and accepts only adult or minor", () => {
    expect(tipIssues({ seenOrHeard: "x" })).toEqual([["subject", "errors.required"]]);
    expect(tipIssues({ subject: "child", seenOrHeard: "x" })).toEqual([["subject", "errors.invalid"]]);
    expect(ZTip.parse({ subject: "minor", seenOrHeard: "x" }).subject).toBe("minor");
  });

  it("accepts the subject's own signals, removes duplicates and keeps the brochure order", () => {
    const tip = ZTip.parse({ subject: "adult", signals: ["no-condom", "under-pressure", "no-condom"], seenOrHeard: "x" });
    expect(tip.signals).toEqual(["under-pressure", "no-condom"]);
    expect(ZTip.parse({ subject: "minor", signals: [...MINOR_SIGNALS].reverse(), seenOrHeard: "x" }).signals).toEqual([...MINOR_SIGNALS]);
  });

  it("rejects signals of the other list, unknown ids and floods", () => {
    expect(tipIssues({ subject: "minor", signals: ["no-condom"], seenOrHeard: "x" })).toEqual([["signals", "errors.signalNotForSubject"]]);
    expect(tipIssues({ subject: "adult", signals: ["truancy"], seenOrHeard: "x" })).toEqual([["signals", "errors.signalNotForSubject"]]);
    expect(tipIssues({ subject: "adult", signals: ["made-up"], seenOrHeard: "x" })).toEqual([["signals.0", "errors.invalid"]]);
    expect(tipIssues({ subject: "adult", signals: "no-condom", seenOrHeard: "x" })).toEqual([["signals", "errors.invalid"]]);
    expect(tipIssues({ subject: "adult", signals: Array(ALL_SIGNALS.length * 2 + 1).fill("no-condom"), seenOrHeard: "x" })).toEqual([
      ["signals", "errors.tooMany"],
    ]);
  });

  it("derives possiblyMinor from the adult's possibly-minor signal, and never sets it on a minor tip", () => {
    expect(ZTip.parse({ subject: "adult", seenOrHeard: "x" }).possiblyMinor).toBe(false);
    expect(ZTip.parse({ subject: "adult", signals: ["possibly-minor"], seenOrHeard: "x" }).possiblyMinor).toBe(true);
    expect(ZTip.parse({ subject: "adult", possiblyMinor: true, seenOrHeard: "x" }).possiblyMinor).toBe(true);
    expect(ZTip.parse({ subject: "minor", possiblyMinor: true, seenOrHeard: "x" }).possiblyMinor).toBe(false);
    expect(tipIssues({ subject: "adult", possiblyMinor: "yes", seenOrHeard: "x" })).toEqual([["possiblyMinor", "errors.invalid"]]);
  });

  it.each(SIGNALS_SINCE.map((s) => [s]))("accepts signalsSince %s", (since) => {
    expect(ZTip.parse({ subject: "adult", signalsSince: since, seenOrHeard: "x" }).signalsSince).toBe(since);
  });

  it("treats an unanswered signalsSince (empty or null radio) as not given, and rejects other values", () => {
    expect(ZTip.parse({ subject: "adult", signalsSince: "", seenOrHeard: "x" }).signalsSince).toBeUndefined();
    expect(ZTip.parse({ subject: "adult", signalsSince: null, seenOrHeard: "x" }).signalsSince).toBeUndefined();
    expect(tipIssues({ subject: "adult", signalsSince: "forever", seenOrHeard: "x" })).toEqual([["signalsSince", "errors.invalid"]]);
  });
});

describe("ZTip — text fields", () => {
  const cases: [string, (v: unknown) => unknown, string, number][] = [
    ...SHORT_ADULT.map((f): [string, (v: unknown) => unknown, string, number] => [`adult.${f}`, (v) => adult({ [f]: v }), `adult.${f}`, TIP_LIMITS.shortText]),
    ...LONG_ADULT.map((f): [string, (v: unknown) => unknown, string, number] => [`adult.${f}`, (v) => adult({ [f]: v }), `adult.${f}`, TIP_LIMITS.longText]),
    ...SHORT_MINOR.map((f): [string, (v: unknown) => unknown, string, number] => [`minor.${f}`, (v) => minor({ [f]: v }), `minor.${f}`, TIP_LIMITS.shortText]),
    ...LONG_MINOR.map((f): [string, (v: unknown) => unknown, string, number] => [`minor.${f}`, (v) => minor({ [f]: v }), `minor.${f}`, TIP_LIMITS.longText]),
    ["adult.ads.0.adNumber", (v) => adult({ ads: [{ adNumber: v }] }), "adult.ads.0.adNumber", TIP_LIMITS.shortText],
    ["suspects.0.name", (v) => ({ subject: "adult", suspects: [{ name: v }] }), "suspects.0.name", TIP_LIMITS.shortText],
    ["suspects.0.address", (v) => ({ subject: "adult", suspects: [{ address: v }] }), "suspects.0.address", TIP_LIMITS.shortText],
    ["suspects.0.description", (v) => ({ subject: "adult", suspects: [{ description: v }] }), "suspects.0.description", TIP_LIMITS.longText],
    ["suspects.0.vehicles.0", (v) => ({ subject: "adult", suspects: [{ vehicles: [v] }] }), "suspects.0.vehicles.0", TIP_LIMITS.shortText],
    ["seenOrHeard", (v) => ({ subject: "adult", seenOrHeard: v }), "seenOrHeard", TIP_LIMITS.seenOrHeard],
  ];

  const read = (tip: unknown, path: string) => path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], tip);

  it.each(cases)("%s: trims, accepts the limit, rejects one more, rejects a non-string", (_name, build, path, max) => {
    expect(read(ZTip.parse(build("  Tekst met é  ")), path)).toBe("Tekst met é");
    expect(read(ZTip.parse(build("x".repeat(max))), path)).toBe("x".repeat(max));
    expect(tipIssues(build("x".repeat(max + 1)))).toEqual([[path, "errors.tooLong"]]);
    expect(tipIssues(build(42))).toContainEqual([path, "errors.invalid"]);
  });

  it("removes control and bidi-override characters but keeps newlines and tabs, with CRLF made LF", () => {
    const tip = ZTip.parse({ subject: "adult", seenOrHeard: "a\u0000b\u0007c\u001b[31m\r\nd\te\u202Ef\u2066g\u0085" });
    expect(tip.seenOrHeard).toBe("abc[31m\nd\tefg");
  });

  it("NFC-normalises so the same word is stored the same way", () => {
    const decomposed = "cliënte".normalize("NFD");
    expect(decomposed).not.toBe("cliënte");
    expect(ZTip.parse({ subject: "adult", seenOrHeard: decomposed }).seenOrHeard).toBe("cliënte");
  });

  it("counts the limit after cleaning, so stripped characters do not count", () => {
    const text = "x".repeat(TIP_LIMITS.shortText) + "\u0000".repeat(10);
    expect(ZTip.parse(adult({ workplace: text })).adult?.workplace).toHaveLength(TIP_LIMITS.shortText);
  });

  it("turns empty and blank text into undefined", () => {
    const tip = ZTip.parse({ subject: "adult", adult: { workplace: "   ", price: "" }, seenOrHeard: "x" });
    expect(tip.adult).toBeUndefined();
  });
});

describe("ZTip — normalised fields", () => {
  it.each([
    ["adult.age", (v: string) => adult({ age: v })],
    ["minor.age", (v: string) => minor({ age: v })],
  ] as const)("%s takes an estimate and rejects what is not an age", (path, build) => {
    const tip = ZTip.parse(build("tussen 16 en 18"));
    expect(path === "adult.age" ? tip.adult?.age : tip.minor?.age).toBe("16-18");
    expect(tipIssues(build("heel jong"))).toEqual([[path, "errors.age"]]);
    expect(tipIssues(build("120"))).toEqual([[path, "errors.age"]]);
  });

  it("normalises advertisement links and rejects unsafe ones", () => {
    const tip = ZTip.parse(adult({ ads: [{ url: "www.X.nl/ad?id=5&utm_source=mail", adNumber: "5" }] }));
    expect(tip.adult?.ads).toEqual([{ url: "https://www.x.nl/ad?id=5", adNumber: "5" }]);
    expect(tipIssues(adult({ ads: [{ url: "javascript:alert(1)" }] }))).toEqual([["adult.ads.0.url", "errors.link"]]);
    expect(tipIssues(adult({ ads: [{ url: "geen link" }] }))).toEqual([["adult.ads.0.url", "errors.link"]]);
  });

  it("drops blank advertisement rows, allows ten, rejects eleven and unknown keys", () => {
    expect(ZTip.parse(adult({ ads: [{ url: "", adNumber: "" }, {}, { adNumber: "7" }] })).adult?.ads).toEqual([{ adNumber: "7" }]);
    expect(ZTip.parse(adult({ ads: Array(TIP_LIMITS.ads).fill({ adNumber: "1" }) })).adult?.ads).toHaveLength(TIP_LIMITS.ads);
    expect(tipIssues(adult({ ads: Array(TIP_LIMITS.ads + 1).fill({ adNumber: "1" }) }))).toEqual([["adult.ads", "errors.tooMany"]]);
    expect(tipIssues(adult({ ads: [{ adNumber: "1", tracking: "x" }] }))).toEqual([["adult.ads.0", "errors.invalid"]]);
    expect(tipIssues(adult({ ads: "www.x.nl" }))).toEqual([["adult.ads", "errors.invalid"]]);
  });

  it("normalises plates, drops blanks, rejects descriptions and more than ten", () => {
    expect(ZTip.parse(adult({ plates: ["12abc3", "", "b ab 1234"] })).adult?.plates).toEqual(["12-ABC-3", "BAB1234"]);
    expect(tipIssues(adult({ plates: ["witte bus"] }))).toEqual([["adult.plates.0", "errors.plate"]]);
    expect(tipIssues(adult({ plates: Array(TIP_LIMITS.plates + 1).fill("12abc3") }))).toEqual([["adult.plates", "errors.tooMany"]]);
  });

  it("normalises the minor's phone numbers to E.164, rejects bad ones and more than ten", () => {
    expect(ZTip.parse(minor({ phones: ["06-12345678", " ", "+32 470 12 34 56"] })).minor?.phones).toEqual(["+31612345678", "+32470123456"]);
    expect(tipIssues(minor({ phones: ["06-123"] }))).toEqual([["minor.phones.0", "errors.phone"]]);
    expect(tipIssues(minor({ phones: Array(TIP_LIMITS.minorPhones + 1).fill("0612345678") }))).toEqual([["minor.phones", "errors.tooMany"]]);
  });

  it("accepts each address stability answer and rejects others", () => {
    for (const value of ["fixed", "moves-often", "unknown"]) {
      expect(ZTip.parse(minor({ addressStability: value, residence: "x" })).minor?.addressStability).toBe(value);
    }
    expect(tipIssues(minor({ addressStability: "sometimes" }))).toEqual([["minor.addressStability", "errors.invalid"]]);
  });

  it("treats the no-JavaScript form's “Geen antwoord” radio (\"\") and an unselected radio as no answer", () => {
    expect(ZTip.parse(minor({ addressStability: "", residence: "x" })).minor).toEqual({ residence: "x", phones: [] });
    expect(ZTip.parse(minor({ addressStability: null, residence: "x" })).minor?.addressStability).toBeUndefined();
    // An unanswered choice alone is a blank section, not a tip.
    expect(tipIssues(minor({ addressStability: "" }))).toEqual([["root", "errors.atLeastOneField"]]);
    expect(tipIssues({ subject: "adult", signalsSince: "", seenOrHeard: "x" })).toEqual([]);
    expect(tipIssues({ subject: "adult", signalsSince: "", signals: ["no-condom"] })).toEqual([["root", "errors.atLeastOneField"]]);
    expect(issues(ZTipSignalsStep, { subject: "adult", signals: [], signalsSince: "" })).toEqual([]);
    expect(ZTipSignalsStep.parse({ subject: "adult", signals: [], signalsSince: "" }).signalsSince).toBeUndefined();
  });

  it("stores age estimates as the operator reads them", () => {
    expect(ZTip.parse(adult({ age: "begin twintig" })).adult?.age).toBe("20-23");
    expect(ZTip.parse(adult({ age: "18+" })).adult?.age).toBe("18+");
    expect(ZTip.parse(minor({ age: "onder de 18" })).minor?.age).toBe("<18");
    expect(ZTip.parse(minor({ age: "tiener" })).minor?.age).toBe("13-19");
    expect(ZTip.parse(minor({ age: "17?" })).minor?.age).toBe("17");
  });
});

describe("ZTip — suspects", () => {
  it("normalises phone numbers and Dutch plates, keeps vehicle descriptions as text", () => {
    const tip = ZTip.parse({
      subject: "adult",
      suspects: [{ name: " Mo ", phones: ["06 1234 5678"], vehicles: ["12abc3", "zwarte Audi A4", "BMW X5"], address: "Straat 1" }],
    });
    expect(tip.suspects).toEqual([
      { name: "Mo", phones: ["+31612345678"], vehicles: ["12-ABC-3", "zwarte Audi A4", "BMW X5"], address: "Straat 1" },
    ]);
  });

  it("drops blank suspects and enforces the limits", () => {
    expect(ZTip.parse({ subject: "adult", suspects: [{}, { name: "" , phones: [""] }, { name: "X" }] }).suspects).toEqual([
      { name: "X", phones: [], vehicles: [] },
    ]);
    expect(tipIssues({ subject: "adult", suspects: Array(TIP_LIMITS.suspects + 1).fill({ name: "X" }) })).toEqual([["suspects", "errors.tooMany"]]);
    expect(tipIssues({ subject: "adult", suspects: [{ phones: Array(TIP_LIMITS.suspectPhones + 1).fill("0612345678") }] })).toEqual([
      ["suspects.0.phones", "errors.tooMany"],
    ]);
    expect(tipIssues({ subject: "adult", suspects: [{ vehicles: Array(TIP_LIMITS.suspectVehicles + 1).fill("auto") }] })).toEqual([
      ["suspects.0.vehicles", "errors.tooMany"],
    ]);
    expect(tipIssues({ subject: "adult", suspects: [{ phones: ["nummer onbekend"] }] })).toEqual([["suspects.0.phones.0", "errors.phone"]]);
  });
});

describe("ZTip — the tip as a whole", () => {
  it("rejects unknown keys at every level so nothing extra can be smuggled into a sealed tip", () => {
    expect(tipIssues({ subject: "adult", seenOrHeard: "x", reporterName: "Anna" })).toEqual([["", "errors.invalid"]]);
    expect(tipIssues(adult({ workplace: "x", reporterEmail: "a@b.nl" }))).toEqual([["adult", "errors.invalid"]]);
    expect(tipIssues(minor({ residence: "x", note: "y" }))).toEqual([["minor", "errors.invalid"]]);
    expect(tipIssues({ subject: "adult", suspects: [{ name: "x", ip: "1.2.3.4" }] })).toEqual([["suspects.0", "errors.invalid"]]);
    // A __proto__ key from JSON, or inherited keys, are unknown keys too; nothing is polluted.
    expect(tipIssues(JSON.parse('{"subject":"adult","seenOrHeard":"x","__proto__":{"polluted":true}}'))).toEqual([["", "errors.invalid"]]);
    expect(tipIssues(adult(JSON.parse('{"workplace":"x","__proto__":{"polluted":true}}')))).toEqual([["adult", "errors.invalid"]]);
    expect(tipIssues({ subject: "adult", seenOrHeard: "x", __proto__: { polluted: true } })).toEqual([["", "errors.invalid"]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects what is not an object", () => {
    for (const input of [null, undefined, "tip", 5, []]) expect(tipIssues(input)).toEqual([["", "errors.invalid"]]);
  });

  it("needs at least one field besides the signals", () => {
    expect(tipIssues({ subject: "adult", signals: ["no-condom", "under-pressure"], signalsSince: "months" })).toEqual([
      ["root", "errors.atLeastOneField"],
    ]);
    expect(tipIssues({ subject: "adult", adult: { workplace: " ", ads: [{}], plates: [""] }, suspects: [{}], seenOrHeard: "\u0000" })).toEqual([
      ["root", "errors.atLeastOneField"],
    ]);
    for (const filled of [adult({ plates: ["12abc3"] }), minor({ addressStability: "fixed" }), { subject: "adult", suspects: [{ name: "Mo" }] }]) {
      expect(tipIssues(filled)).toEqual([]);
    }
  });

  it("does not count a choice answered “I don't know” as something to act on, but stores it beside real content", () => {
    expect(tipIssues(minor({ addressStability: "unknown" }))).toEqual([["root", "errors.atLeastOneField"]]);
    expect(tipIssues(minor({ addressStability: "unknown", phones: [""] }, { signals: ["truancy"], signalsSince: "unknown" }))).toEqual([
      ["root", "errors.atLeastOneField"],
    ]);
    expect(
      tipIssues({ subject: "adult", signals: ["possibly-minor"], minor: { addressStability: "unknown" } }),
    ).toEqual([["root", "errors.atLeastOneField"]]);
    expect(issues(ZTipDetailsStep, minor({ addressStability: "unknown" }))).toEqual([["root", "errors.atLeastOneField"]]);
    // With something to act on, the answer is kept.
    expect(ZTip.parse(minor({ addressStability: "unknown", residence: "Utrecht" })).minor?.addressStability).toBe("unknown");
    expect(ZTip.parse(minor({ addressStability: "unknown" }, { seenOrHeard: "x" })).minor?.addressStability).toBe("unknown");
    // Text is content whatever it says.
    expect(tipIssues(minor({ residence: "unknown" }))).toEqual([]);
  });

  it("keeps the adult section off a minor tip, and the minor section off an adult tip unless she may be a minor", () => {
    expect(tipIssues({ subject: "minor", adult: { workplace: "x" }, minor: { residence: "y" } })).toEqual([["adult", "errors.sectionNotAllowed"]]);
    expect(tipIssues({ subject: "adult", adult: { workplace: "x" }, minor: { residence: "y" } })).toEqual([["minor", "errors.sectionNotAllowed"]]);
    const tip = ZTip.parse({ subject: "adult", signals: ["possibly-minor"], adult: { workplace: "x" }, minor: { residence: "y" } });
    expect(tip.minor?.residence).toBe("y");
    // A blank hidden section is no section.
    expect(tipIssues({ subject: "minor", adult: { workplace: "", ads: [], plates: [] }, seenOrHeard: "x" })).toEqual([]);
  });

  it("rejects a tip over 48 KiB serialised", () => {
    const full = (char: string) => ({
      subject: "adult",
      adult: Object.fromEntries(LONG_ADULT.map((f) => [f, char.repeat(TIP_LIMITS.longText)])),
      minor: Object.fromEntries(LONG_MINOR.map((f) => [f, char.repeat(TIP_LIMITS.longText)])),
      possiblyMinor: true,
      seenOrHeard: char.repeat(TIP_LIMITS.seenOrHeard),
    });
    expect(tipIssues(full("a"))).toEqual([]); // about 26 KB
    expect(tipIssues(full("€"))).toEqual([["root", "errors.tipTooLarge"]]); // about 78 KB in UTF-8
  });

  it("is idempotent: a parsed tip parses to itself (the operator re-validates what was sealed)", () => {
    const input: TTipInput = {
      subject: "adult",
      signals: ["possibly-minor", "no-condom"],
      signalsSince: "months",
      adult: {
        workplace: " Club ",
        age: "ongeveer 17",
        ads: [{ url: "www.x.nl/ad?id=5&fbclid=1", adNumber: "5" }],
        plates: ["12abc3", "b ab 1234"],
        companionTraits: "Lang\r\nen breed",
      },
      minor: { phones: ["06-12345678"], addressStability: "moves-often" },
      suspects: [{ name: "Mo", phones: ["+32 470 12 34 56"], vehicles: ["xx99xx", "witte bus"] }],
      seenOrHeard: "Gezien.",
    };
    const once = ZTip.parse(input);
    const twice = ZTip.parse(JSON.parse(JSON.stringify(once)));
    expect(twice).toEqual(once);
  });
});

describe("step schemas", () => {
  const form = {
    subject: "minor",
    signals: ["no-condom"],
    signalsSince: "",
    adult: { workplace: "" },
    minor: { phones: ["06-1"] },
    suspects: [],
    seenOrHeard: "",
  };

  it("the subject step checks only the subject", () => {
    expect(issues(ZTipSubjectStep, form)).toEqual([]);
    expect(issues(ZTipSubjectStep, { ...form, subject: undefined })).toEqual([["subject", "errors.required"]]);
    expect(ZTipSubjectStep.parse(form)).toEqual({ subject: "minor" });
  });

  it("the signals step checks that the signals belong to the subject", () => {
    expect(issues(ZTipSignalsStep, form)).toEqual([["signals", "errors.signalNotForSubject"]]);
    expect(issues(ZTipSignalsStep, { ...form, signals: ["truancy"] })).toEqual([]);
  });

  it("the details step checks the fields of the sections with the same rules as ZTip", () => {
    expect(issues(ZTipDetailsStep, form)).toEqual([["minor.phones.0", "errors.phone"]]);
    expect(issues(ZTipDetailsStep, { ...form, minor: {} })).toEqual([["root", "errors.atLeastOneField"]]);
    expect(issues(ZTipDetailsStep, { ...form, adult: { workplace: "x" }, minor: {} })).toEqual([["adult", "errors.sectionNotAllowed"]]);
    expect(issues(ZTipDetailsStep, { ...form, minor: { phones: ["0612345678"] } })).toEqual([]);
  });
});

describe("ZTipEnvelope", () => {
  const key = Buffer.from(new Uint8Array(32).map((_, i) => i * 7 + 1)).toString("base64url");
  const envelope = { v: 1, channel: "web", tip: { subject: "adult", seenOrHeard: "x" }, reporterPublicKey: key };

  it("accepts version 1 from the web or phone with a 32-byte base64url key", () => {
    expect(key).toHaveLength(43);
    expect(ZTipEnvelope.parse(envelope).tip.seenOrHeard).toBe("x");
    expect(ZTipEnvelope.parse({ ...envelope, channel: "phone" }).channel).toBe("phone");
  });

  it.each([
    ["another version", { ...envelope, v: 2 }, "v"],
    ["an unknown channel", { ...envelope, channel: "email" }, "channel"],
    ["a 31-byte key", { ...envelope, reporterPublicKey: Buffer.alloc(31, 1).toString("base64url") }, "reporterPublicKey"],
    ["a 33-byte key", { ...envelope, reporterPublicKey: Buffer.alloc(33, 1).toString("base64url") }, "reporterPublicKey"],
    ["a padded key", { ...envelope, reporterPublicKey: `${key}=` }, "reporterPublicKey"],
    ["standard base64", { ...envelope, reporterPublicKey: Buffer.alloc(32, 0xfb).toString("base64").replace(/=+$/, "") }, "reporterPublicKey"],
    ["a non-canonical last character", { ...envelope, reporterPublicKey: `${key.slice(0, 42)}B` }, "reporterPublicKey"],
    ["an invalid tip", { ...envelope, tip: { subject: "adult" } }, "tip.root"],
    ["an extra key", { ...envelope, ip: "1.2.3.4" }, ""],
  ])("rejects %s", (_name, input, path) => {
    const found = issues(ZTipEnvelope, input);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map(([p]) => p)).toContain(path);
  });

  it("never emits a message that is not a message key", () => {
    const r = ZTipEnvelope.safeParse({ v: "1", channel: 5, tip: [], reporterPublicKey: 3, x: 1 });
    for (const issue of r.error?.issues ?? []) expect(TIP_ERROR_KEYS).toContain(issue.message);
  });
});

describe("signals lists", () => {
  it("have the brochure's number of signals, unique kebab-case ids, and no id on both lists", () => {
    expect(ADULT_SIGNALS).toHaveLength(17);
    expect(MINOR_SIGNALS).toHaveLength(15);
    expect(new Set(ALL_SIGNALS).size).toBe(ALL_SIGNALS.length);
    for (const id of [...ALL_SIGNALS, ...SIGNALS_SINCE]) expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });
});
