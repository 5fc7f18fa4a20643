import { describe, expect, it } from "vitest";
import { readTipPayload } from "@/lib/tips/read-tip-payload";

describe("readTipPayload", () => {
  it("reads a real tip's JSON, suspects' phones included", () => {
    const tip = { subject: "adult", signals: [], suspects: [{ name: "Rico", phones: ["+31612345678"] }], seenOrHeard: "x" };
    expect(readTipPayload(JSON.stringify(tip))).toEqual(tip);
  });

  it("refuses what an attacker posts instead: deep nesting, non-JSON, non-strings, oversized text", () => {
    expect(readTipPayload(`${"[".repeat(5000)}${"]".repeat(5000)}`)).toBeNull();
    expect(readTipPayload(JSON.stringify({ a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } }))).toBeNull();
    expect(readTipPayload("{not json")).toBeNull();
    expect(readTipPayload(42)).toBeNull();
    expect(readTipPayload(null)).toBeNull();
    expect(readTipPayload(`"${"a".repeat(70_000)}"`)).toBeNull();
  });
});
