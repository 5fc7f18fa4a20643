import { describe, expect, it } from "vitest";

import { parseAge } from "@/lib/tips/parse-age";

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

  it.each(["", "jong", "18-16", "100", "16-120", "-5", "16,5", "16 en 18", "tiener", "17 of 18 of 19", "1e+2", "17; DROP"])(
    "rejects %j",
    (input) => {
      expect(parseAge(input)).toEqual({ ok: false });
    },
  );

  it("is idempotent", () => {
    for (const input of ["ongeveer 16", "tussen 16 en 18"]) {
      const once = age(input) as string;
      expect(age(once)).toBe(once);
    }
  });
});
