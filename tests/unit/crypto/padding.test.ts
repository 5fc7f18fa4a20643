import { describe, expect, it } from "vitest";

import {
  createDeskKeyPair,
  CryptoInputError,
  PADDING_BUCKETS,
  padToBucket,
  sealTip,
  unpadFromBucket,
  utf8ToBytes,
} from "@/lib/crypto";

import { sequence, toHex } from "./helpers";

describe("padding", () => {
  it("keeps the bucket sizes that every stored ciphertext was padded to", () => {
    expect(PADDING_BUCKETS).toEqual([4096, 8192, 16384, 32768, 65536]);
  });

  it("lays out ISO/IEC 7816-4 padding: the bytes, 0x80, then zeros to the bucket", async () => {
    const padded = await padToBucket(utf8ToBytes("abc"));
    expect(padded.length).toBe(4096);
    expect(toHex(padded.subarray(0, 5))).toBe("6162638000");
    expect(padded.subarray(4).every((byte) => byte === 0)).toBe(true);
    expect(await unpadFromBucket(padded)).toEqual(utf8ToBytes("abc"));
  });

  it("pads the empty input to 0x80 and zeros", async () => {
    const padded = await padToBucket(new Uint8Array(0));
    expect(padded.length).toBe(4096);
    expect(padded[0]).toBe(0x80);
    expect(await unpadFromBucket(padded)).toEqual(new Uint8Array(0));
  });

  it.each([
    [0, 4096],
    [4095, 4096],
    [4096, 8192],
    [8191, 8192],
    [8192, 16384],
    [16383, 16384],
    [32767, 32768],
    [32768, 65536],
    [65535, 65536],
  ])("puts %i bytes (plus the marker) in the %i bucket", async (length, bucket) => {
    const bytes = sequence(length, 1);
    const padded = await padToBucket(bytes);
    expect(padded.length).toBe(bucket);
    expect(padded[length]).toBe(0x80);
    expect(await unpadFromBucket(padded)).toEqual(bytes);
  });

  it("refuses a plaintext that does not fit the largest bucket", async () => {
    await expect(padToBucket(new Uint8Array(65536))).rejects.toThrow(CryptoInputError);
  });

  it.each([
    ["no marker", () => new Uint8Array(4096)],
    ["a non-zero byte after the marker", () => Object.assign(new Uint8Array(4096), { 10: 0x80, 4095: 0x01 })],
    ["a length that is not a bucket", () => Object.assign(new Uint8Array(4095), { 0: 0x80 })],
  ])("rejects padding with %s", async (_, make) => {
    await expect(unpadFromBucket(make())).rejects.toThrow(CryptoInputError);
  });

  it("makes a one-field tip exactly as long as a many-field tip in the same bucket", async () => {
    const desk = await createDeskKeyPair();
    const short = await sealTip(desk.publicKey, { description: "x" });
    const full = await sealTip(desk.publicKey, {
      role: "community nurse",
      organisation: "Thuiszorg Oost",
      region: "Gelderland",
      seenOn: "2025-11-03",
      people: 3,
      minors: true,
      indicators: ["no papers", "no pay", "sleeps at work", "escorted", "fearful"],
      description: "y".repeat(3500),
      contactBack: true,
    });
    expect(short.length).toBe(1 + 48 + 4096);
    expect(full.length).toBe(short.length);
  });
});
