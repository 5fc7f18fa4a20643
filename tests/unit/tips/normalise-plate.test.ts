import { describe, expect, it } from "vitest";

import { normalisePlate } from "@/lib/tips/normalise-plate";

const plate = (input: string) => {
  const r = normalisePlate(input);
  return r.ok ? r.plate : null;
};

describe("normalisePlate", () => {
  it.each([
    ["sidecode 1", "ab1234", "AB-12-34"],
    ["sidecode 2", "1234ab", "12-34-AB"],
    ["sidecode 3", "12ab34", "12-AB-34"],
    ["sidecode 4", "xx99xx", "XX-99-XX"],
    ["sidecode 5", "abcd12", "AB-CD-12"],
    ["sidecode 6", "12abcd", "12-AB-CD"],
    ["sidecode 7", "12abc3", "12-ABC-3"],
    ["sidecode 8", "1abc23", "1-ABC-23"],
    ["sidecode 9", "ab123c", "AB-123-C"],
    ["sidecode 10", "a123bc", "A-123-BC"],
    ["sidecode 11", "abc12d", "ABC-12-D"],
    ["sidecode 12", "a12bcd", "A-12-BCD"],
    ["sidecode 13", "1ab234", "1-AB-234"],
    ["sidecode 14", "123ab4", "123-AB-4"],
  ])("formats Dutch %s with dashes", (_name, input, expected) => {
    expect(normalisePlate(input)).toEqual({ ok: true, plate: expected, dutch: true });
  });

  it("accepts the separators people type and re-formats them", () => {
    expect(plate("12 abc 3")).toBe("12-ABC-3");
    expect(plate("12.ABC.3")).toBe("12-ABC-3");
    expect(plate("1-2-A-B-C-3")).toBe("12-ABC-3");
    expect(plate(" g-123-bb ")).toBe("G-123-BB");
  });

  it("keeps foreign plates as uppercase letters and digits", () => {
    expect(normalisePlate("B-AB 1234")).toEqual({ ok: true, plate: "BAB1234", dutch: false });
    expect(plate("1-abc-234")).toBe("1ABC234"); // Belgian
    expect(plate("ab 123 cd")).toBe("AB123CD"); // French
    expect(plate("M-ÖÜ 12")).toBe("MÖÜ12"); // German with umlauts
  });

  it.each(["", "   ", "-", "A", "witte bus", "BMW", "12-ABC-3!", "<script>", "12345678901", "AB12-34;DROP", "a".repeat(30)])(
    "rejects %j",
    (input) => {
      expect(normalisePlate(input)).toEqual({ ok: false });
    },
  );

  it("is idempotent", () => {
    for (const input of ["12abc3", "xx99xx", "B-AB 1234"]) {
      const once = plate(input);
      expect(once).not.toBeNull();
      expect(plate(once as string)).toBe(once);
    }
  });
});
