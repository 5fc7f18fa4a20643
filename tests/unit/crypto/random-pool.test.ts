// The pool that feeds libsodium.js its randomness (lib/crypto/random-pool.ts), from the
// side of someone who would like a word twice, a word left in memory after use, or a
// silent fallback to something that is not crypto.getRandomValues.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRandomWordPool } from "@/lib/crypto/random-pool";
import { getSodium } from "@/lib/crypto/sodium";

describe("createRandomWordPool", () => {
  it("hands out every word the source gave, in order, once, and draws again only when all are used", () => {
    let counter = 0;
    const fills: Uint32Array[] = [];
    const next = createRandomWordPool((words) => {
      fills.push(words);
      for (let index = 0; index < words.length; index += 1) words[index] = (counter += 1) + 0xfffffff0 * (index % 2);
    }, 4);
    const got = Array.from({ length: 9 }, next);
    expect(fills).toHaveLength(3);
    expect(got).toEqual([1, 2 + 0xfffffff0, 3, 4 + 0xfffffff0, 5, 6 + 0xfffffff0, 7, 8 + 0xfffffff0, 9].map((word) => word >>> 0));
    // Unsigned 32-bit, as libsodium.js's own source returns them.
    for (const word of got) expect(word).toBeGreaterThanOrEqual(0);
  });

  it("zeroes each word as it hands it out: the pool in memory holds only unused words", () => {
    let pool: Uint32Array | undefined;
    const next = createRandomWordPool((words) => {
      pool = words;
      words.set([11, 22, 33, 44]);
    }, 4);
    next();
    next();
    expect(Array.from(pool!)).toEqual([0, 0, 33, 44]);
    next();
    next();
    expect(Array.from(pool!)).toEqual([0, 0, 0, 0]);
  });

  it("hands out nothing when the source fails, and tries the source again next time", () => {
    let fail = true;
    const next = createRandomWordPool((words) => {
      if (fail) throw new Error("no entropy");
      words.fill(7);
    }, 2);
    expect(() => next()).toThrow("no entropy");
    expect(() => next()).toThrow("no entropy");
    fail = false;
    expect(next()).toBe(7);
  });

  it("refuses a pool size that would not work", () => {
    for (const size of [0, -1, 1.5, Number.NaN, 16_385]) expect(() => createRandomWordPool(() => {}, size)).toThrow(RangeError);
  });
});

describe("libsodium's randomness", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("comes from crypto.getRandomValues through the pool: one draw per 256 words, not one per byte", async () => {
    const sodium = await getSodium();
    const spy = vi.spyOn(globalThis.crypto, "getRandomValues");
    const { publicKey } = sodium.crypto_box_keypair();
    spy.mockClear();
    // 64 sealed boxes, each an ephemeral key pair from 32 random bytes: libsodium.js asks
    // for one word per byte, 2,048 words in all, which is 8 draws of 256 (9 if the pool
    // was part used before).
    const boxes = Array.from({ length: 64 }, () => sodium.crypto_box_seal(new Uint8Array(16), publicKey));
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(8);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(9);
    for (const [words] of spy.mock.calls) expect(words).toBeInstanceOf(Uint32Array);
    // Every ephemeral public key (the first 32 bytes of a sealed box) is new.
    expect(new Set(boxes.map((box) => Buffer.from(box.subarray(0, 32)).toString("hex"))).size).toBe(64);
  });

  it("fails loudly, instead of sealing with anything else, when crypto.getRandomValues fails", async () => {
    const sodium = await getSodium();
    const { publicKey } = sodium.crypto_box_keypair();
    vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(() => {
      throw new Error("entropy source gone");
    });
    // Drain whatever the pool still holds (at most 256 words), then the next draw must fail.
    expect(() => {
      for (let round = 0; round < 16; round += 1) sodium.crypto_box_seal(new Uint8Array(16), publicKey);
    }).toThrow();
    vi.restoreAllMocks();
    // And recovers once the source is back.
    const box = sodium.crypto_box_seal(new Uint8Array(16), publicKey);
    expect(box.length).toBe(16 + sodium.crypto_box_SEALBYTES);
  });

  it("gives bytes with no repeat and no bias a test of this size can see", async () => {
    const sodium = await getSodium();
    const bytes = sodium.randombytes_buf(64 * 1024);
    const blocks = new Set<string>();
    for (let offset = 0; offset < bytes.length; offset += 16) blocks.add(Buffer.from(bytes.subarray(offset, offset + 16)).toString("hex"));
    expect(blocks.size).toBe(4096);
    const counts = new Array<number>(256).fill(0);
    for (const byte of bytes) counts[byte]! += 1;
    // 65,536 bytes over 256 values: 256 each on average, σ ≈ 16; ±120 is beyond 7σ.
    for (const count of counts) expect(Math.abs(count - 256)).toBeLessThan(120);
  });
});
