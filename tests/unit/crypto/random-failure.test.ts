// libsodium when its random source fails, in a file of its own: the failure leaves this
// file's libsodium instance unusable on purpose (lib/crypto/random-pool.ts fails closed),
// and vitest gives each test file its own modules.
import { describe, expect, it, vi } from "vitest";
import { getSodium } from "@/lib/crypto/sodium";

describe("libsodium without randomness", () => {
  it("refuses to seal, and keeps refusing once crypto.getRandomValues works again: nothing is sealed with a half-made key", async () => {
    const sodium = await getSodium();
    const { publicKey } = sodium.crypto_box_keypair();
    const spy = vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(() => {
      throw new Error("entropy source gone");
    });
    // Whatever the pool still holds (at most 256 words) runs out within 8 boxes of 32.
    expect(() => {
      for (let round = 0; round < 16; round += 1) sodium.crypto_box_seal(new Uint8Array(16), publicKey);
    }).toThrow("entropy source gone");
    spy.mockRestore();
    expect(() => sodium.crypto_box_seal(new Uint8Array(16), publicKey)).toThrow("the random source failed earlier");
    expect(() => sodium.randombytes_buf(1)).toThrow("the random source failed earlier");
    // What needs no randomness still works: opening is not refused.
    expect(sodium.crypto_generichash(32, new Uint8Array(1), null)).toHaveLength(32);
  });
});
