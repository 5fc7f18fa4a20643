import { describe, expect, it } from "vitest";

import {
  createDeskKeyPair,
  createOperatorKeys,
  CryptoInputError,
  openTip,
  sealTip,
  unwrapDeskKey,
  wrapDeskKey,
} from "@/lib/crypto";

import { expectOpenError, tamperCases, toHex } from "./helpers";

// Operators' key pairs as their browsers hold them after unlocking.
const operatorA = await createOperatorKeys("passphrase of operator A");
const operatorB = await createOperatorKeys("passphrase of operator B");
const desk = await createDeskKeyPair();
const grantForA = await wrapDeskKey(operatorA.publicKey, desk.privateKey);

describe("wrapDeskKey / unwrapDeskKey", () => {
  it("gives operator A the desk key, which opens tips", async () => {
    expect(grantForA.length).toBe(48 + 32);
    const unwrapped = await unwrapDeskKey(operatorA, grantForA, desk.publicKey);
    expect(unwrapped.privateKey).toEqual(desk.privateKey);
    const sealed = await sealTip(desk.publicKey, { description: "seen at the car wash" });
    expect(await openTip(unwrapped, sealed)).toEqual({ description: "seen at the car wash" });
  });

  it("does not contain the desk private key in the clear", () => {
    expect(toHex(grantForA)).not.toContain(toHex(desk.privateKey));
  });

  it("refuses malformed keys when granting", async () => {
    await expect(wrapDeskKey(operatorA.publicKey.subarray(1), desk.privateKey)).rejects.toThrow(CryptoInputError);
    await expect(wrapDeskKey(operatorA.publicKey, desk.privateKey.subarray(1))).rejects.toThrow(CryptoInputError);
  });
});

describe("unwrapDeskKey tamper cases: each throws OpenError and nothing else", () => {
  // ephemeral X25519 public key(32) ‖ Poly1305 tag(16) ‖ encrypted desk private key(32)
  const regions = [
    { name: "ephemeral public key", start: 0, end: 32 },
    { name: "MAC tag", start: 32, end: 48 },
    { name: "body", start: 48, end: 80 },
  ];

  it.each(tamperCases(grantForA, regions))("%s", async (_, tampered) => {
    await expectOpenError(unwrapDeskKey(operatorA, tampered, desk.publicKey));
  });

  it("grant for operator A opened by operator B", async () => {
    await expectOpenError(unwrapDeskKey(operatorB, grantForA, desk.publicKey));
  });

  it("valid grant of a different desk key", async () => {
    const otherDesk = await createDeskKeyPair();
    const grant = await wrapDeskKey(operatorA.publicKey, otherDesk.privateKey);
    await expectOpenError(unwrapDeskKey(operatorA, grant, desk.publicKey));
  });
});
