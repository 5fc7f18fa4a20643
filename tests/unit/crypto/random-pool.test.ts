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

  it("fails closed: once the source throws, nothing more is handed out, even when the source is back", () => {
    let fail = true;
    const next = createRandomWordPool((words) => {
      if (fail) throw new Error("no entropy");
      words.fill(7);
    }, 2);
    expect(() => next()).toThrow("no entropy");
    fail = false;
    expect(() => next()).toThrow("the random source failed earlier");
  });

  it("fails closed on a source that returns without filling: a pool of zeros is never handed out", () => {
    let calls = 0;
    const next = createRandomWordPool((words) => {
      calls += 1;
      if (calls === 1) words.set([5, 6]);
      // The second time it does nothing: the pool holds the zeros left by the first words.
    }, 2);
    expect([next(), next()]).toEqual([5, 6]);
    expect(() => next()).toThrow("the random source gave only zeros");
    expect(() => next()).toThrow("the random source failed earlier");
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
    // for one word per byte, 2,048 words in all. Whatever the pool still held (at most 255
    // words), that is 8 draws of 256; without the pool it would be 2,048 calls.
    const boxes = Array.from({ length: 64 }, () => sodium.crypto_box_seal(new Uint8Array(16), publicKey));
    expect(spy.mock.calls.length).toBe(8);
    for (const [words] of spy.mock.calls) expect(words).toBeInstanceOf(Uint32Array);
    // Every ephemeral public key (the first 32 bytes of a sealed box) is new.
    expect(new Set(boxes.map((box) => Buffer.from(box.subarray(0, 32)).toString("hex"))).size).toBe(64);
  });

  it("gives bytes with no repeat and no gross bias", async () => {
    const sodium = await getSodium();
    const bytes = sodium.randombytes_buf(64 * 1024);
    const blocks = new Set<string>();
    for (let offset = 0; offset < bytes.length; offset += 16) blocks.add(Buffer.from(bytes.subarray(offset, offset + 16)).toString("hex"));
    expect(blocks.size).toBe(4096);
    const counts = new Array<number>(256).fill(0);
    for (const byte of bytes) counts[byte]! += 1;
    // 65,536 bytes over 256 values: 256 each on average, σ ≈ 16; ±120 is beyond 7σ, so
    // only a broken source (a constant, a stuck byte) fails it.
    for (const count of counts) expect(Math.abs(count - 256)).toBeLessThan(120);
  });

  // Last in this file: the pool keeps up to 255 of the test's words afterwards.
  it("hands libsodium exactly the words crypto.getRandomValues gave, nothing of its own", async () => {
    const sodium = await getSodium();
    // A source whose every word ends in the byte 0x5a: libsodium.js keeps the low byte of
    // each word, so once the pool's leftovers (at most 255 words) are used, every byte
    // libsodium hands out must be 0x5a. A pool that mixed in anything else would show.
    let counter = 0;
    vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const words = array as unknown as Uint32Array;
      for (let index = 0; index < words.length; index += 1) words[index] = (((counter += 1) << 8) | 0x5a) >>> 0;
      return array;
    });
    const bytes = sodium.randombytes_buf(2048);
    expect(Array.from(bytes.subarray(255)).every((byte) => byte === 0x5a)).toBe(true);
    expect(counter).toBeGreaterThanOrEqual(2048 - 255);
  });
});
