import { describe, expect, it } from "vitest";

import {
  createDeskKeyPair,
  CryptoInputError,
  deriveReporterKeys,
  isPlausibleSealedMessage,
  openMessage,
  padToBucket,
  sealMessage,
} from "@/lib/crypto";
import { getSodium } from "@/lib/crypto/sodium";

import { expectOpenError, tamperCases } from "./helpers";

const question = "Is the address on the Kerkstraat or the Kerkweg? Антон — 🙏";

const reporter = await deriveReporterKeys("7KQ3-M0ZD-X4HT-9BNE");
const sealed = await sealMessage(reporter.publicKey, question);

describe("sealMessage / openMessage", () => {
  it("round-trips text for the key holder, padded to a bucket", async () => {
    expect(sealed.length).toBe(4145);
    expect(isPlausibleSealedMessage(sealed)).toBe(true);
    expect(await openMessage(reporter, sealed)).toBe(question);
  });

  it("round-trips the empty string and the largest text that fits", async () => {
    expect(await openMessage(reporter, await sealMessage(reporter.publicKey, ""))).toBe("");
    const largest = "a".repeat(65_535);
    const big = await sealMessage(reporter.publicKey, largest);
    expect(big.length).toBe(65_585);
    expect(await openMessage(reporter, big)).toBe(largest);
    await expect(sealMessage(reporter.publicKey, `${largest}a`)).rejects.toThrow(CryptoInputError);
  });

  it("refuses a lone surrogate instead of corrupting it", async () => {
    await expect(sealMessage(reporter.publicKey, "\uDC00")).rejects.toThrow(CryptoInputError);
  });
});

describe("openMessage tamper cases: each throws OpenError and nothing else", () => {
  const regions = [
    { name: "version byte", start: 0, end: 1 },
    { name: "ephemeral public key", start: 1, end: 33 },
    { name: "MAC tag", start: 33, end: 49 },
    { name: "body", start: 49, end: 4145 },
  ];

  it.each(tamperCases(sealed, regions))("%s", async (_, tampered) => {
    await expectOpenError(openMessage(reporter, tampered));
  });

  it("wrong key (the desk's, not the reporter's)", async () => {
    await expectOpenError(openMessage(await createDeskKeyPair(), sealed));
  });

  it("wrong version (0x02)", async () => {
    await expectOpenError(openMessage(reporter, Uint8Array.of(0x02, ...sealed.subarray(1))));
  });

  it("valid box with garbage padding", async () => {
    const sodium = await getSodium();
    const padded = await padToBucket(new TextEncoder().encode("hello"));
    padded[4095] = 0x01;
    const box = Uint8Array.of(0x01, ...sodium.crypto_box_seal(padded, reporter.publicKey));
    await expectOpenError(openMessage(reporter, box));
  });

  it("valid box of invalid UTF-8", async () => {
    const sodium = await getSodium();
    const padded = await padToBucket(Uint8Array.of(0xc3, 0x28));
    const box = Uint8Array.of(0x01, ...sodium.crypto_box_seal(padded, reporter.publicKey));
    await expectOpenError(openMessage(reporter, box));
  });

  it("a malformed key pair is the caller's bug, reported as CryptoInputError", async () => {
    await expect(
      openMessage({ publicKey: reporter.publicKey, privateKey: new Uint8Array(31) }, sealed),
    ).rejects.toThrow(CryptoInputError);
  });
});
