import { describe, expect, it } from "vitest";

import {
  createDeskKeyPair,
  CryptoInputError,
  isPlausibleSealedTip,
  openTip,
  padToBucket,
  SEALED_TIP_LENGTHS,
  sealMessage,
  sealTip,
  utf8ToBytes,
} from "@/lib/crypto";
import { getSodium } from "@/lib/crypto/sodium";

import { expectOpenError, tamperCases } from "./helpers";

const tip = {
  role: "midwife",
  region: "Noord-Brabant",
  description: "Three women living at the salon, passports held by the owner. Ünïcödé ✓",
  minors: false,
};

/** version(1) ‖ sealed box, built by hand so that its plaintext can be anything. */
async function sealRaw(publicKey: Uint8Array, plaintext: Uint8Array, version = 0x01): Promise<Uint8Array> {
  const sodium = await getSodium();
  const box = sodium.crypto_box_seal(plaintext, publicKey);
  return Uint8Array.of(version, ...box);
}

const desk = await createDeskKeyPair();
const sealed = await sealTip(desk.publicKey, tip);

describe("sealTip / openTip", () => {
  it("round-trips a tip for the desk", async () => {
    expect(await openTip(desk, sealed)).toEqual(tip);
  });

  it("produces version byte 0x01 and one of the allowed lengths", () => {
    expect(sealed[0]).toBe(0x01);
    expect(sealed.length).toBe(4145);
    expect(SEALED_TIP_LENGTHS).toEqual([4145, 8241, 16433, 32817, 65585]);
  });

  it("never seals the same tip to the same bytes twice (fresh ephemeral key)", async () => {
    const again = await sealTip(desk.publicKey, tip);
    expect(again).not.toEqual(sealed);
    expect(await openTip(desk, again)).toEqual(tip);
  });

  it("moves a tip that outgrows a bucket into the next one", async () => {
    const big = { description: "z".repeat(5000) };
    const bigSealed = await sealTip(desk.publicKey, big);
    expect(bigSealed.length).toBe(8241);
    expect(await openTip(desk, bigSealed)).toEqual(big);
  });

  it("refuses what cannot be sealed", async () => {
    await expect(sealTip(desk.publicKey, undefined)).rejects.toThrow(CryptoInputError);
    await expect(sealTip(desk.publicKey, { n: 1n })).rejects.toThrow(CryptoInputError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    await expect(sealTip(desk.publicKey, cycle)).rejects.toThrow(CryptoInputError);
    await expect(sealTip(desk.publicKey, { description: "x".repeat(70_000) })).rejects.toThrow(CryptoInputError);
    await expect(sealTip(desk.publicKey.subarray(1), tip)).rejects.toThrow(CryptoInputError);
    await expect(sealTip(new Uint8Array(32), tip)).rejects.toThrow(CryptoInputError);
  });
});

describe("isPlausibleSealedTip", () => {
  it("accepts a sealed tip and rejects wrong lengths or versions, without any key", () => {
    expect(isPlausibleSealedTip(sealed)).toBe(true);
    expect(isPlausibleSealedTip(sealed.slice(0, -1))).toBe(false);
    expect(isPlausibleSealedTip(new Uint8Array(0))).toBe(false);
    expect(isPlausibleSealedTip(Uint8Array.of(0x02, ...sealed.subarray(1)))).toBe(false);
    expect(isPlausibleSealedTip(new Uint8Array(4096))).toBe(false);
  });
});

describe("openTip tamper cases: each throws OpenError and nothing else", () => {
  // version(1) ‖ ephemeral X25519 public key(32) ‖ Poly1305 tag(16) ‖ encrypted padded body(4096)
  const regions = [
    { name: "version byte", start: 0, end: 1 },
    { name: "ephemeral public key", start: 1, end: 33 },
    { name: "MAC tag", start: 33, end: 49 },
    { name: "body", start: 49, end: 4145 },
  ];

  it("has the layout the regions assume", () => {
    expect(regions.at(-1)!.end).toBe(sealed.length);
  });

  it.each(tamperCases(sealed, regions))("%s", async (_, tampered) => {
    await expectOpenError(openTip(desk, tampered));
  });

  it("wrong key", async () => {
    await expectOpenError(openTip(await createDeskKeyPair(), sealed));
  });

  it("wrong version (0x02) on an otherwise valid box", async () => {
    await expectOpenError(openTip(desk, Uint8Array.of(0x02, ...sealed.subarray(1))));
  });

  it("valid box, version 0x01, padding without a marker", async () => {
    await expectOpenError(openTip(desk, await sealRaw(desk.publicKey, new Uint8Array(4096))));
  });

  it("valid box, version 0x01, garbage after the padding marker", async () => {
    const padded = await padToBucket(utf8ToBytes("{}"));
    padded[4000] = 0x5a;
    await expectOpenError(openTip(desk, await sealRaw(desk.publicKey, padded)));
  });

  it("valid box, version 0x01, valid padding, not JSON", async () => {
    await expectOpenError(openTip(desk, await sealMessage(desk.publicKey, "not json {")));
  });

  it("valid box, version 0x01, valid padding, not UTF-8", async () => {
    const padded = await padToBucket(Uint8Array.of(0x22, 0xff, 0x22));
    await expectOpenError(openTip(desk, await sealRaw(desk.publicKey, padded)));
  });

  it("a key pair whose halves do not match", async () => {
    const other = await createDeskKeyPair();
    await expectOpenError(openTip({ publicKey: other.publicKey, privateKey: desk.privateKey }, sealed));
  });
});
