import { describe, expect, it } from "vitest";

import { HINT_KINDS } from "@/lib/tips/find-self-identification-hints";
import { ALL_SIGNALS, SIGNALS_SINCE } from "@/lib/tips/signals";
import { ADDRESS_STABILITY, TIP_ERROR_KEYS, TIP_SUBJECTS, ZTip, ZTipDetailsStep, ZTipEnvelope, ZTipSignalsStep } from "@/lib/tips/tip-schema";
import en from "@/messages/en/tip.json";
import nl from "@/messages/nl/tip.json";

type TTree = { [key: string]: string | TTree };

function flatten(tree: TTree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const NL = flatten(nl as TTree);
const EN = flatten(en as TTree);
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every path of a field in a parsed tip, list indices left out (`suspects.0.name` → `suspects.name`). */
function fieldPaths(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => fieldPaths(v, path));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [...(path ? [path] : []), ...fieldPaths(v, path ? `${path}.${k}` : k)]);
  }
  return [path];
}

/** Inputs that together make the schemas emit every kind of issue they can. */
const BAD_INPUTS: unknown[] = [
  null,
  {},
  { subject: "child" },
  { subject: "adult" },
  { subject: "adult", possiblyMinor: "yes", signals: ["made-up", 5], signalsSince: "forever", extra: 1, seenOrHeard: 3 },
  { subject: "adult", signals: Array(100).fill("no-condom"), seenOrHeard: "x".repeat(20_000) },
  { subject: "minor", signals: ["no-condom"], adult: { workplace: "x" }, minor: { residence: "y" } },
  { subject: "adult", adult: { workplace: "x" }, minor: { residence: "y" } },
  {
    subject: "adult",
    adult: { age: "oud", ads: [{ url: "javascript:alert(1)", x: 1 }, "ad"], plates: ["?"], workplace: 5, y: 1 },
    minor: { phones: ["12"], addressStability: "sometimes", z: 1 },
    suspects: [{ phones: ["x"], vehicles: [5], q: 1 }, 7],
  },
  { subject: "adult", adult: { ads: Array(11).fill({ adNumber: "1" }), plates: Array(11).fill("12abc3") }, suspects: Array(6).fill({ name: "x" }) },
  { subject: "adult", minor: { phones: Array(11).fill("0612345678") }, possiblyMinor: true },
  { subject: "adult", suspects: [{ phones: Array(6).fill("0612345678"), vehicles: Array(6).fill("x") }] },
  {
    subject: "adult",
    possiblyMinor: true,
    adult: { companionTraits: "€".repeat(2000), dependency: "€".repeat(2000), blackmail: "€".repeat(2000), arrangedBy: "€".repeat(2000) },
    minor: { associates: "€".repeat(2000), activities: "€".repeat(2000), whereabouts: "€".repeat(2000) },
    seenOrHeard: "€".repeat(10_000),
  },
];

describe("tip messages", () => {
  it("nl and en have exactly the same keys", () => {
    expect([...EN.keys()].sort()).toEqual([...NL.keys()].sort());
  });

  it("no message is empty, and both languages use the same placeholders", () => {
    for (const [key, text] of NL) {
      expect(text.trim(), key).not.toBe("");
      expect(placeholders(EN.get(key) ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("every message key the schemas can emit resolves in Dutch and English", () => {
    for (const key of TIP_ERROR_KEYS) {
      expect(NL.get(key), key).toBeTruthy();
      expect(EN.get(key), key).toBeTruthy();
    }
  });

  it("every issue the schemas emit for bad input is a known message key", () => {
    const emitted = new Set<string>();
    for (const schema of [ZTip, ZTipSignalsStep, ZTipDetailsStep]) {
      for (const input of BAD_INPUTS) {
        for (const issue of schema.safeParse(input).error?.issues ?? []) emitted.add(issue.message);
      }
    }
    for (const input of [{}, { v: 2, channel: "fax", tip: {}, reporterPublicKey: "x", extra: 1 }]) {
      for (const issue of ZTipEnvelope.safeParse(input).error?.issues ?? []) emitted.add(issue.message);
    }
    for (const message of emitted) {
      expect(TIP_ERROR_KEYS as readonly string[], message).toContain(message);
      expect(NL.has(message), message).toBe(true);
    }
    // The corpus reaches every key, so a new key without a bad input here fails this test.
    expect([...emitted].sort()).toEqual([...TIP_ERROR_KEYS].sort());
  });

  it("labels every subject, signal, signals-since answer, address-stability answer and hint kind", () => {
    for (const subject of TIP_SUBJECTS) {
      expect(NL.has(`subject.options.${subject}`)).toBe(true);
      expect(NL.has(`signals.legend.${subject}`)).toBe(true);
    }
    for (const id of ALL_SIGNALS) expect(NL.has(`signals.labels.${id}`), id).toBe(true);
    for (const id of SIGNALS_SINCE) expect(NL.has(`signalsSince.options.${id}`), id).toBe(true);
    for (const id of ADDRESS_STABILITY) expect(NL.has(`fields.minor.addressStability.options.${id}`), id).toBe(true);
    for (const kind of HINT_KINDS) expect(NL.has(`hints.kinds.${kind}`), kind).toBe(true);
  });

  it("labels every field of a tip", () => {
    const full = ZTip.parse({
      subject: "adult",
      possiblyMinor: true,
      adult: {
        workplace: "x", age: "17", ads: [{ url: "x.nl", adNumber: "1" }], adNameAndPhone: "x", workingHours: "x", arrangedBy: "x",
        paidTo: "x", companionTraits: "x", plates: ["12abc3"], price: "x", locationOwnerContact: "x", origin: "x",
        companionContact: "x", dependency: "x", companionArranges: "x", blackmail: "x",
      },
      minor: { residence: "x", age: "15", addressStability: "fixed", associates: "x", phones: ["0612345678"], activities: "x", whereabouts: "x" },
      suspects: [{ name: "x", phones: ["0612345678"], vehicles: ["x"], address: "x", description: "x" }],
      seenOrHeard: "x",
    });
    const { adult, minor, suspects, seenOrHeard } = full;
    const paths = new Set(fieldPaths({ adult, minor, suspects, seenOrHeard }));
    expect(paths.size).toBeGreaterThan(30);
    // The sections themselves are titled under sections.*; every field and repeatable group has a label.
    for (const path of paths) if (path !== "adult" && path !== "minor") expect(NL.has(`fields.${path}.label`), path).toBe(true);
    for (const id of ["adultDetails", "adultMore", "minorDetails", "suspects", "free"]) expect(NL.has(`sections.${id}.title`), id).toBe(true);
  });

  it("keeps the brochure's own words for the guidance and the signal lists", () => {
    expect(NL.get("signals.guidance.watchOut")).toContain("LET OP! Meld het als je voor langere tijd meerdere van dit soort signalen ziet");
    expect(NL.get("signals.guidance.notEveryone")).toContain("Niet iedereen is slachtoffer");
    expect(NL.get("signals.legend.adult")).toBe("Ken je een prostituee die:");
    expect(NL.get("signals.legend.minor")).toBe("Ken je een minderjarige die:");
    expect(NL.get("signals.labels.isolated-workplaces")).toBe(
      "werkt op geïsoleerde plekken en in slechte omstandigheden (kelderbox, cardate, vakantiepark)",
    );
    expect(NL.get("fields.seenOrHeard.label")).toBe("Wat heb je gezien of gehoord?");
  });
});
