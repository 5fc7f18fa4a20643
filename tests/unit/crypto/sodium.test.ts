import { describe, expect, it } from "vitest";

import { OPERATOR_SALT_BYTES } from "@/lib/crypto";
import { SEALED_BOX_OVERHEAD, X25519_KEY_BYTES } from "@/lib/crypto/seal-message";
import { getSodium } from "@/lib/crypto/sodium";

describe("getSodium", () => {
  it("loads libsodium once and hands out the same ready instance", async () => {
    const [first, second] = await Promise.all([getSodium(), getSodium()]);
    expect(first).toBe(second);
    expect(typeof first.crypto_box_seal).toBe("function");
    expect(typeof first.crypto_pwhash).toBe("function");
  });

  // The facade hard-codes these sizes so that its synchronous checks need no libsodium.
  it("agrees with libsodium on the sizes the facade hard-codes", async () => {
    const sodium = await getSodium();
    expect(SEALED_BOX_OVERHEAD).toBe(sodium.crypto_box_SEALBYTES);
    expect(X25519_KEY_BYTES).toBe(sodium.crypto_box_PUBLICKEYBYTES);
    expect(X25519_KEY_BYTES).toBe(sodium.crypto_box_SECRETKEYBYTES);
    expect(OPERATOR_SALT_BYTES).toBe(sodium.crypto_pwhash_SALTBYTES);
    expect(sodium.crypto_secretbox_NONCEBYTES + sodium.crypto_secretbox_MACBYTES).toBe(40);
  });
});

describe("byte types", () => {
  // `fromSodium` narrows libsodium's results to Uint8Array<ArrayBuffer> for Prisma `Bytes`
  // and Web APIs; this checks the claim it rests on.
  it("returns bytes backed by a plain ArrayBuffer, never a shared one", async () => {
    const { createDeskKeyPair, deriveReporterKeys, hashLookupToken, sealTip, wrapDeskKey } = await import("@/lib/crypto");
    const desk = await createDeskKeyPair();
    const reporter = await deriveReporterKeys("7KQ3-M0ZD-X4HT-9BNE");
    const outputs = [
      desk.publicKey,
      desk.privateKey,
      reporter.lookupToken,
      reporter.publicKey,
      await hashLookupToken(reporter.lookupToken, new Uint8Array(32)),
      await sealTip(desk.publicKey, {}),
      await wrapDeskKey(reporter.publicKey, desk.privateKey),
    ];
    for (const bytes of outputs) expect(bytes.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
