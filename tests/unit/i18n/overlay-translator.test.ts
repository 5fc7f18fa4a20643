// Phone intake reuses the reporter's form; where its texts speak to the reporter ("haal
// weg wat naar jou wijst"), the operator reads texts about the caller instead.
import { describe, expect, it } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import { overlayTranslator } from "@/lib/i18n/overlay-translator";
import { createTranslator, type TMessageTree } from "@/lib/i18n/translate";

function leafKeys(tree: TMessageTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`)));
}

describe("overlayTranslator", () => {
  const base = createTranslator({ greeting: "Hallo {name}", check: { title: "Controleer je melding", intro: "Lees rustig" } });
  const overlay = createTranslator({ phone: { form: { check: { title: "Controleer de melding van {name}" } } }, other: "elders" });
  const t = overlayTranslator(base, overlay, "phone.form");

  it("takes the overlay's text where it has one, with placeholders filled", () => {
    expect(t("check.title", { name: "de beller" })).toBe("Controleer de melding van de beller");
  });

  it("falls back to the base text where the overlay has none", () => {
    expect(t("check.intro")).toBe("Lees rustig");
    expect(t("greeting", { name: "Anna" })).toBe("Hallo Anna");
  });

  it("reads the overlay only under its prefix, and returns an unknown key as the key", () => {
    expect(t("other")).toBe("other");
    expect(t("missing.key")).toBe("missing.key");
  });

  it("does not take a group of texts for a text", () => {
    expect(t("check")).toBe("check");
  });
});

describe("the phone intake's form texts", () => {
  for (const locale of ["nl", "en"] as const) {
    const messages = getMessages(locale);
    const phoneForm = (messages.operator.phone as TMessageTree).form as TMessageTree;
    const tTip = createTranslator(messages.tip as TMessageTree);
    const t = overlayTranslator(tTip, createTranslator(messages.operator as TMessageTree), "phone.form");

    it(`replace only texts the reporter's form has (${locale}), so none goes stale when tip.json changes`, () => {
      const keys = leafKeys(phoneForm);
      expect(keys.length).toBeGreaterThan(5);
      expect(keys.filter((key) => tTip(key) === key)).toEqual([]);
    });

    it(`speak about the caller where the reporter's speak to the reporter (${locale})`, () => {
      const caller = locale === "nl" ? /beller/ : /caller/;
      for (const key of ["check.removeReminder", "steps.details.intro", "fields.seenOrHeard.help", "hints.title", "hints.kinds.own-name", "check.emergency"]) {
        expect(t(key), key).toMatch(caller);
        expect(tTip(key), key).not.toMatch(caller);
      }
      // The questions themselves are the reporter's: the operator asks them as written.
      expect(t("steps.subject.title")).toBe(tTip("steps.subject.title"));
      expect(t("fields.seenOrHeard.label")).toBe(tTip("fields.seenOrHeard.label"));
    });
  }
});
