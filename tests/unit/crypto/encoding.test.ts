import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";

import { bytesToUtf8, CryptoInputError, fromBase64Url, toBase64Url, utf8ToBytes } from "@/lib/crypto";

import { sequence } from "./helpers";

describe("base64url", () => {
  it("matches RFC 4648 test vectors, without padding", () => {
    const vectors: Array<[string, string]> = [
      ["", ""],
      ["f", "Zg"],
      ["fo", "Zm8"],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg"],
      ["fooba", "Zm9vYmE"],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64Url(utf8ToBytes(plain))).toBe(encoded);
      expect(bytesToUtf8(fromBase64Url(encoded))).toBe(plain);
    }
  });

  it("uses the URL-safe alphabet", () => {
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe("-_-_");
    expect(fromBase64Url("-_-_")).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
  });

  it("round-trips every length and byte value", () => {
    for (let length = 0; length <= 66; length += 1) {
      const bytes = sequence(length, length * 7);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    const all = sequence(256);
    expect(fromBase64Url(toBase64Url(all))).toEqual(all);
  });

  it("agrees with Node's own base64url on random bytes of many lengths", () => {
    // A second, independent implementation: the typed-array code paths (whole triples, one
    // or two bytes left over) must give exactly what Buffer gives, both ways.
    for (let length = 0; length <= 4100; length += length < 70 ? 1 : 97) {
      const bytes = new Uint8Array(randomBytes(length));
      const reference = Buffer.from(bytes).toString("base64url");
      expect(toBase64Url(bytes)).toBe(reference);
      expect(fromBase64Url(reference)).toEqual(bytes);
    }
  });

  it("accepts exactly the 64 characters of the alphabet, whatever code unit comes in", () => {
    // Every UTF-16 code unit from 0 to 0x3FF and a sample of the rest, surrogates included,
    // in every position of a quartet: a table lookup that masked or wrapped the
    // code (é is 0xE9, Ā is 0x100: 0x100 & 0x7F is "\0", 0x141 & 0x7F is "A") would let
    // foreign characters through as letters.
    const alphabet = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    const units = [...Array.from({ length: 0x400 }, (_, code) => code), 0x1041, 0x2041, 0xd83d, 0xdc00, 0xff21, 0xffff];
    for (const code of units) {
      const char = String.fromCharCode(code);
      for (let position = 0; position < 4; position += 1) {
        const quartet = ["A", "A", "A", "A"];
        quartet[position] = char;
        const text = quartet.join("");
        if (alphabet.has(char)) expect(() => fromBase64Url(text)).not.toThrow();
        else expect(() => fromBase64Url(text), `U+${code.toString(16)} at ${position}`).toThrow(CryptoInputError);
      }
    }
    expect(() => fromBase64Url("AAA\u{1F6A8}")).toThrow(CryptoInputError);
  });

  it.each([
    ["padding", "Zg=="],
    ["standard alphabet +", "+/+/"],
    ["whitespace", "Zm9v Yg"],
    ["trailing newline", "Zm9v\n"],
    ["impossible length", "Zm9vY"],
    ["non-zero unused bits", "Zh"],
    ["non-ASCII", "Zm9é"],
  ])("rejects %s", (_, text) => {
    expect(() => fromBase64Url(text)).toThrow(CryptoInputError);
  });
});

describe("utf8", () => {
  it("round-trips text outside ASCII, keeping a leading BOM", () => {
    const text = "\uFEFFMeldpunt — ğüşiöç 人身売買 🚨";
    expect(bytesToUtf8(utf8ToBytes(text))).toBe(text);
  });

  it("rejects malformed UTF-8 and lone surrogates instead of substituting U+FFFD", () => {
    expect(() => bytesToUtf8(Uint8Array.of(0x61, 0xff, 0x62))).toThrow(CryptoInputError);
    expect(() => utf8ToBytes("a\uD800b")).toThrow(CryptoInputError);
  });
});
