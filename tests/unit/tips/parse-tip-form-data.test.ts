import { describe, expect, it } from "vitest";

import { MAX_FORM_ENTRIES, parseTipFormData } from "@/lib/tips/parse-tip-form-data";
import { ZTip } from "@/lib/tips/tip-schema";

const form = (entries: [string, string | Blob][]) => {
  const fd = new FormData();
  for (const [name, value] of entries) fd.append(name, value);
  return fd;
};

describe("parseTipFormData", () => {
  it("reads the “Geen antwoord” radio (value \"\") of a choice as no answer", () => {
    const tip = ZTip.parse(
      parseTipFormData(
        form([
          ["subject", "minor"],
          ["signalsSince", ""],
          ["minor.addressStability", ""],
          ["minor.residence", "Utrecht"],
        ]),
      ),
    );
    expect(tip.signalsSince).toBeUndefined();
    expect(tip.minor).toEqual({ residence: "Utrecht", phones: [] });
    const onlyUnanswered = ZTip.safeParse(parseTipFormData(form([["subject", "minor"], ["minor.addressStability", ""]])));
    expect(onlyUnanswered.error?.issues.map((issue) => issue.message)).toEqual(["errors.atLeastOneField"]);
  });

  it("builds the nested input from the names react-hook-form registers", () => {
    const input = parseTipFormData(
      form([
        ["subject", "adult"],
        ["signals", "possibly-minor"],
        ["signals", "no-condom"],
        ["signalsSince", "months"],
        ["adult.workplace", "Club X"],
        ["adult.ads.0.url", "www.x.nl/ad?id=5"],
        ["adult.ads.0.adNumber", "5"],
        ["adult.ads.1.adNumber", "6"],
        ["adult.plates.0", "12abc3"],
        ["minor.phones.0", "06-12345678"],
        ["suspects.0.name", "Mo"],
        ["suspects.1.phones.0", "0612345678"],
        ["seenOrHeard", "Ze is bang."],
      ]),
    );
    expect(input).toEqual({
      subject: "adult",
      signals: ["possibly-minor", "no-condom"],
      signalsSince: "months",
      adult: { workplace: "Club X", ads: [{ url: "www.x.nl/ad?id=5", adNumber: "5" }, { adNumber: "6" }], plates: ["12abc3"] },
      minor: { phones: ["06-12345678"] },
      suspects: [{ name: "Mo" }, { phones: ["0612345678"] }],
      seenOrHeard: "Ze is bang.",
    });
    expect(ZTip.safeParse(input).success).toBe(true);
  });

  it("keeps a single ticked checkbox as a list", () => {
    expect(parseTipFormData(form([["signals", "truancy"]]))).toEqual({ signals: ["truancy"] });
  });

  it("turns the possiblyMinor checkbox into a boolean", () => {
    expect(parseTipFormData(form([["possiblyMinor", "on"]]))).toEqual({ possiblyMinor: true });
    expect(parseTipFormData(form([["possiblyMinor", "true"]]))).toEqual({ possiblyMinor: true });
    expect(parseTipFormData(form([["possiblyMinor", "false"]]))).toEqual({ possiblyMinor: false });
  });

  it("leaves out empty values, drops empty slots and sections, and closes up lists in index order", () => {
    const input = parseTipFormData(
      form([
        ["subject", "minor"],
        ["signalsSince", ""],
        ["adult.workplace", ""],
        ["adult.ads.0.url", ""],
        ["adult.ads.0.adNumber", ""],
        ["minor.phones.3", "0612345678"],
        ["minor.phones.1", "0201234567"],
        ["minor.phones.2", ""],
        ["suspects.0.name", ""],
        ["suspects.0.phones.0", ""],
        ["suspects.2.address", "Straat 1"],
      ]),
    );
    expect(input).toEqual({ subject: "minor", minor: { phones: ["0201234567", "0612345678"] }, suspects: [{ address: "Straat 1" }] });
  });

  it("ignores framework fields, files and malformed names", () => {
    const input = parseTipFormData(
      form([
        ["$ACTION_ID_abc123", "x"],
        ["$ACTION_REF_1", "x"],
        ["$ACTION_1:0", "{}"],
        ["_csrf", "x"],
        ["subject", "adult"],
        ["seenOrHeard", new Blob(["file content"])],
        ["adult..workplace", "x"],
        [".adult", "x"],
        ["adult.", "x"],
        ["0.subject", "x"],
        ["adult.ads.01.url", "x"],
        ["adult.ads.-1.url", "x"],
        ["adult.ads.1e3.url", "x"],
        ["adult[workplace]", "x"],
        ["adult.work place", "x"],
        ["a.b.c.d.e.f", "x"],
      ]),
    );
    expect(input).toEqual({ subject: "adult" });
  });

  it("never allocates for huge indices: adult.ads.999999.url is ignored", () => {
    const input = parseTipFormData(
      form([
        ["subject", "adult"],
        ["adult.ads.999999.url", "www.x.nl"],
        ["adult.plates.4294967295", "12abc3"],
        ["adult.plates.64", "12abc3"],
        ["suspects.1000.name", "x"],
      ]),
    ) as Record<string, unknown>;
    expect(input).toEqual({ subject: "adult" });
  });

  it("keeps indices up to the cap so the schema can report too many rows", () => {
    const entries: [string, string][] = [["subject", "adult"]];
    for (let i = 0; i < 12; i++) entries.push([`adult.plates.${i}`, "12abc3"]);
    const input = parseTipFormData(form(entries)) as { adult: { plates: string[] } };
    expect(input.adult.plates).toHaveLength(12);
    const parsed = ZTip.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain("errors.tooMany");
  });

  it.each(["__proto__", "constructor", "prototype"])("does not let %s through (prototype pollution)", (key) => {
    const input = parseTipFormData(
      form([
        ["subject", "adult"],
        [`${key}.polluted`, "yes"],
        [`adult.${key}.polluted`, "yes"],
        [`adult.ads.0.${key}`, "yes"],
        [`suspects.0.${key}.polluted`, "yes"],
        [key, "yes"],
      ]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(input).toEqual({ subject: "adult" });
    expect(JSON.stringify(input)).toBe('{"subject":"adult"}');
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect((input as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("stops after a bounded number of entries when 10,000 fields are posted", () => {
    const fd = new FormData();
    fd.append("subject", "adult");
    for (let i = 0; i < 10_000; i++) fd.append(`x${i}`, "y");
    fd.append("seenOrHeard", "after the flood");
    const input = parseTipFormData(fd) as Record<string, unknown>;
    expect(input.subject).toBe("adult");
    expect(input.seenOrHeard).toBeUndefined();
    expect(Object.keys(input).length).toBeLessThanOrEqual(MAX_FORM_ENTRIES);
    expect(ZTip.safeParse(input).success).toBe(false);
  });

  it("takes the first value of a single-valued name posted twice, and never a value that is both leaf and branch", () => {
    expect(
      parseTipFormData(
        form([
          ["subject", "minor"],
          ["subject", "adult"],
          ["adult", "text"],
          ["adult.workplace", "x"],
          ["minor.phones.0", "06"],
          ["minor.phones.x", "07"],
        ]),
      ),
    ).toEqual({ subject: "minor", adult: "text", minor: { phones: ["06"] } });
  });

  it("returns an empty object for an empty form", () => {
    expect(parseTipFormData(new FormData())).toEqual({});
  });
});
