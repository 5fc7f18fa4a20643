/**
 * A pooled source of random 32-bit words for libsodium.js, which draws its randomness one
 * word at a time through `Module.getRandomValue`, and asks for one word per random *byte*
 * (libsodium's JavaScript `randombytes_buf` loops over `randombytes_random`). Sealing a tip
 * therefore made 32 calls to `crypto.getRandomValues`, each a trip into the runtime, and
 * on the server each also through Next.js's wrapper of it: measured here, 0.31 ms per
 * 2 KB sealed box in plain Node.js, 0.13 ms with this pool.
 *
 * The words are exactly what `crypto.getRandomValues` gave, fetched `words` at a time and
 * handed out once each; a word is zeroed as it is handed out, so memory read later holds
 * only words nobody has used yet. One pool per libsodium instance, in one JavaScript realm
 * (a page, a process or a worker thread): nothing is shared between processes, and
 * `fork()` of a running Node.js process, which would copy a pool, is not something Node.js
 * does (cluster workers are new processes).
 *
 * Fails closed: a source that throws, or that hands back a pool of zeros (a fill that did
 * nothing: 2^-8192 by chance), makes this and every later call throw. A failed draw
 * unwinds through libsodium's WebAssembly frames without restoring its stack or wiping
 * what it had half made, so the instance must not be trusted again: the process or page
 * has to start over.
 */
export function createRandomWordPool(fill: (words: Uint32Array<ArrayBuffer>) => void, words = 256): () => number {
  if (!Number.isInteger(words) || words < 1 || words > 16_384) throw new RangeError("pool size must be 1 to 16384 words");
  const pool = new Uint32Array(words);
  let next = words;
  let failed = false;
  return function getRandomValue(): number {
    if (failed) throw new Error("the random source failed earlier: this crypto instance is no longer used");
    if (next === words) {
      try {
        fill(pool);
      } catch (error) {
        failed = true;
        throw error;
      }
      if (pool.every((word) => word === 0)) {
        failed = true;
        throw new Error("the random source gave only zeros");
      }
      next = 0;
    }
    const value = pool[next]!;
    pool[next] = 0;
    next += 1;
    return value >>> 0;
  };
}
