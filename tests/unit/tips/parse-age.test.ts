import { describe, expect, it } from "vitest";

import { MAX_AGE, parseAge } from "@/lib/tips/parse-age";

const age = (input: string) => {
  const r = parseAge(input);
  return r.ok ? r.age : null;
};

describe("parseAge", () => {
  it.each([
    ["17", "17"],
    ["ongeveer 16", "16"],
    ["± 20", "20"],
    ["+/- 19", "19"],
    ["ca. 16 jaar", "16"],
    ["circa 18", "18"],
    ["zo’n 15", "15"],
    ["16-18", "16-18"],
    ["16 - 18 jaar", "16-18"],
    ["16–18", "16-18"],
    ["16 tot 18", "16-18"],
    ["16 à 18", "16-18"],
    ["16 a 18", "16-18"],
    ["16 of 17", "16-17"],
    ["tussen 16 en 18", "16-18"],
    ["Tussen 16 en 18", "16-18"],
    ["van 14 tot 16 jaar", "14-16"],
    ["16 jaar tot 18 jaar", "16-18"],
    ["about 16", "16"],
    ["around 20 years old", "20"],
    ["between 16 and 18", "16-18"],
    ["16 to 18", "16-18"],
    ["17-17", "17"],
    ["0", "0"],
    ["99", "99"],
  ])("%j → %j", (input, expected) => {
    expect(age(input)).toBe(expected);
  });

  it("reports the bounds", () => {
    expect(parseAge("tussen 16 en 18")).toEqual({ ok: true, age: "16-18", min: 16, max: 18 });
  });

  // Ordinary estimates a reporter writes, in Dutch and English; an operator reads the result.
  it.each([
    // doubt and approximation
    ["17?", "17"],
    ["16-18?", "16-18"],
    ["ca. 16", "16"],
    ["rond de 16", "16"],
    ["een jaar of 16", "16"],
    ["16 ofzo", "16"],
    ["16-ish", "16"],
    ["zestien", "16"],
    ["ongeveer zestien", "16"],
    ["drieëntwintig", "23"],
    ["seventeen", "17"],
    // age groups: early 0-3, mid 4-6, late 7-9 of the decade
    ["begin twintig", "20-23"],
    ["begin 20", "20-23"],
    ["Begin twintig?", "20-23"],
    ["early twenties", "20-23"],
    ["early 20s", "20-23"],
    ["in her early twenties", "20-23"],
    ["midden twintig", "24-26"],
    ["halverwege de twintig", "24-26"],
    ["mid twenties", "24-26"],
    ["mid-20s", "24-26"],
    ["eind twintig", "27-29"],
    ["achter in de twintig", "27-29"],
    ["late twenties", "27-29"],
    ["begin dertig", "30-33"],
    ["late thirties", "37-39"],
    ["eind veertig", "47-49"],
    ["in de twintig", "20-29"],
    ["twintiger", "20-29"],
    ["twenties", "20-29"],
    ["20s", "20-29"],
    ["begin tot midden twintig", "20-26"],
    ["early to mid twenties", "20-26"],
    // teenagers: 13-19
    ["tiener", "13-19"],
    ["een tiener", "13-19"],
    ["teenager", "13-19"],
    ["in her teens", "13-19"],
    ["jonge tiener", "13-15"],
    ["early teens", "13-15"],
    ["mid teens", "14-16"],
    ["oudere tiener", "17-19"],
    ["late teens", "17-19"],
    // open estimates: no bound is made up
    ["18+", "18+"],
    ["+18", "18+"],
    ["18 jaar of ouder", "18+"],
    ["ouder dan 18", "18+"],
    ["over 18", "18+"],
    ["18 or older", "18+"],
    ["meerderjarig", "18+"],
    ["onder de 18", "<18"],
    ["jonger dan 18", "<18"],
    ["nog geen 16", "<16"],
    ["under 18", "<18"],
    ["younger than 16", "<16"],
    ["<18", "<18"],
    ["minderjarig", "<18"],
    ["a minor", "<18"],
  ])("accepts the estimate %j → %j", (input, expected) => {
    expect(age(input)).toBe(expected);
  });

  it("keeps a bare number an age, not a decade", () => {
    expect(age("20")).toBe("20");
    expect(age("twintig")).toBe("20");
    expect(age("twintig jaar")).toBe("20");
  });

  it("reports the bounds of age groups and open estimates", () => {
    expect(parseAge("begin twintig")).toEqual({ ok: true, age: "20-23", min: 20, max: 23 });
    expect(parseAge("tiener")).toEqual({ ok: true, age: "13-19", min: 13, max: 19 });
    expect(parseAge("18+")).toEqual({ ok: true, age: "18+", min: 18, max: MAX_AGE });
    expect(parseAge("onder de 18")).toEqual({ ok: true, age: "<18", min: 0, max: 17 });
  });

  it.each(["", "jong", "18-16", "100", "16-120", "-5", "16,5", "16 en 18", "17 of 18 of 19", "1e+2", "17; DROP", "?", "??", "0+", "<0", "100+", "<100", "18++", "begin", "midden", "begin tien", "voor 20", "begin 100", "heel jong", "early"])(
    "rejects %j",
    (input) => {
      expect(parseAge(input)).toEqual({ ok: false });
    },
  );

  it("is idempotent", () => {
    for (const input of ["ongeveer 16", "tussen 16 en 18", "begin twintig", "late teens", "18+", "onder de 18", "17?", "zestien"]) {
      const once = age(input) as string;
      expect(age(once)).toBe(once);
    }
  });
});
