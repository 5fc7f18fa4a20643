import { describe, expect, it } from "vitest";

import { generateReceiptCode, normaliseReceiptCode, RECEIPT_CODE_ALPHABET } from "@/lib/crypto";

const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const SAMPLE_SIZE = 10_000;
const codes = Array.from({ length: SAMPLE_SIZE }, generateReceiptCode);
const symbolRows = codes.map((code) => code.replaceAll("-", ""));

describe("generateReceiptCode", () => {
  it("uses Crockford's alphabet", () => {
    expect(RECEIPT_CODE_ALPHABET).toBe("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
  });

  it("prints 16 symbols in four groups of four, already in canonical form", () => {
    for (const code of codes) {
      expect(code).toMatch(CANONICAL);
      expect(normaliseReceiptCode(code)).toBe(code);
    }
  });

  it(`gives ${SAMPLE_SIZE} distinct codes in ${SAMPLE_SIZE} draws`, () => {
    expect(new Set(codes).size).toBe(SAMPLE_SIZE);
  });

  // Loose statistical checks: a correct generator fails them about once in 10^5 runs;
  // a broken one (a stuck position, lost bits, a byte reused for two positions) fails
  // them every time.
  it("spreads every position uniformly over the 32 symbols (chi-square, 31 df, bound 90)", () => {
    const expected = SAMPLE_SIZE / 32;
    for (let position = 0; position < 16; position += 1) {
      const counts = new Map<string, number>();
      for (const row of symbolRows) counts.set(row[position]!, (counts.get(row[position]!) ?? 0) + 1);
      let chiSquare = 0;
      for (const symbol of RECEIPT_CODE_ALPHABET) chiSquare += ((counts.get(symbol) ?? 0) - expected) ** 2 / expected;
      expect(chiSquare, `position ${position}`).toBeLessThan(90);
    }
  });

  it("sets each of the 80 bits about half the time", () => {
    const ones = new Array<number>(80).fill(0);
    for (const row of symbolRows) {
      [...row].forEach((symbol, position) => {
        const value = RECEIPT_CODE_ALPHABET.indexOf(symbol);
        for (let bit = 0; bit < 5; bit += 1) ones[position * 5 + bit]! += (value >> (4 - bit)) & 1;
      });
    }
    // Binomial(10 000, ½): standard deviation 50; allow six.
    for (const count of ones) expect(Math.abs(count - SAMPLE_SIZE / 2)).toBeLessThan(300);
  });

  it("draws positions independently of each other (matching symbols ≈ 1 in 32)", () => {
    const expected = SAMPLE_SIZE / 32; // standard deviation ≈ 17.4
    for (let i = 0; i < 16; i += 1) {
      for (let j = i + 1; j < 16; j += 1) {
        const matches = symbolRows.filter((row) => row[i] === row[j]).length;
        expect(Math.abs(matches - expected), `positions ${i} and ${j}`).toBeLessThan(120);
      }
    }
  });
});

describe("normaliseReceiptCode", () => {
  it.each([
    ["canonical", "7KQ3-M0ZD-X4HT-9BNE", "7KQ3-M0ZD-X4HT-9BNE"],
    ["lower case", "7kq3-m0zd-x4ht-9bne", "7KQ3-M0ZD-X4HT-9BNE"],
    ["mixed case", "7kQ3-M0zd-X4hT-9bNe", "7KQ3-M0ZD-X4HT-9BNE"],
    ["no separators", "7KQ3M0ZDX4HT9BNE", "7KQ3-M0ZD-X4HT-9BNE"],
    ["spaces", "7KQ3 M0ZD X4HT 9BNE", "7KQ3-M0ZD-X4HT-9BNE"],
    ["stray spaces and dashes", "  7kq3--m0zd x4-ht 9bne\n", "7KQ3-M0ZD-X4HT-9BNE"],
    ["O and o read as zero", "7KQ3-MOZD-X4HT-9BNE", "7KQ3-M0ZD-X4HT-9BNE"],
    ["lower-case o", "7kq3-mozd-x4ht-9bne", "7KQ3-M0ZD-X4HT-9BNE"],
    ["I, i, L, l read as one", "IiLl-0000-0000-0000", "1111-0000-0000-0000"],
  ])("accepts %s", (_, input, canonical) => {
    expect(normaliseReceiptCode(input)).toBe(canonical);
  });

  it.each([
    ["empty", ""],
    ["only separators", "----"],
    ["15 symbols", "7KQ3-M0ZD-X4HT-9BN"],
    ["17 symbols", "7KQ3-M0ZD-X4HT-9BNE7"],
    ["U", "7KQ3-M0ZD-X4HT-9BNU"],
    ["lower-case u", "7kq3-m0zd-x4ht-9bnu"],
    ["punctuation", "7KQ3-M0ZD-X4HT-9BN!"],
    ["dots as separators", "7KQ3.M0ZD.X4HT.9BNE"],
    ["underscore", "7KQ3_M0ZD_X4HT_9BNE"],
    ["accented letter", "7KQ3-M0ZD-X4HT-9BNÉ"],
    ["dotless ı (upper-cases to I)", "7KQ3-M0ZD-X4HT-9BNı"],
    ["long s ſ (upper-cases to S)", "7KQ3-M0ZD-X4HT-9BNſ"],
    ["Cyrillic К look-alike", "7КQ3-M0ZD-X4HT-9BNE"],
    ["full-width digit", "７KQ3-M0ZD-X4HT-9BNE"],
    ["non-breaking space", "7KQ3\u00A0M0ZD-X4HT-9BNE"],
    ["en dash", "7KQ3–M0ZD-X4HT-9BNE"],
    ["absurdly long input", `${"-".repeat(60)}7KQ3M0ZDX4HT9BNE`],
  ])("rejects %s", (_, input) => {
    expect(normaliseReceiptCode(input)).toBeNull();
  });
});
