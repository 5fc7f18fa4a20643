import type sodiumModule from "libsodium-wrappers-sumo";
import { createRandomWordPool } from "./random-pool";

/** The initialised libsodium API (sumo build: it includes Argon2id). */
export type TSodium = typeof sodiumModule;

let loading: Promise<TSodium> | undefined;

/**
 * Loads libsodium (WebAssembly, sumo build) once and resolves when it is ready.
 *
 * This is the only place that imports `libsodium-wrappers-sumo`; every other file in
 * `lib/crypto/` asks for it here. The import is dynamic so that the library (~530 KB)
 * becomes its own chunk, fetched by the browser the first time a crypto function
 * runs, not with the page that merely imports the facade.
 *
 * Use the default export only: in the ESM build the crypto functions are attached to
 * the default object when `ready` resolves, and the named exports the type
 * declarations promise (`crypto_box_seal`, …) are `undefined` at run time.
 *
 * Its randomness comes from `crypto.getRandomValues`, drawn 1 KiB at a time
 * (`createRandomWordPool`) instead of 4 bytes a call.
 *
 * Nothing secret is kept here but the pool's unused random words, and nobody decrypts
 * anything. On failure (no WebAssembly, no `crypto.getRandomValues`) the promise rejects,
 * and keeps rejecting: libsodium cannot be loaded twice in one page or process.
 */
export function getSodium(): Promise<TSodium> {
  loading ??= import("libsodium-wrappers-sumo").then(async (module) => {
    const sodium = module.default;
    await sodium.ready;
    // libsodium.js reads `getRandomValue` off its Emscripten module at every call, so the
    // pooled source (see random-pool.ts) takes over from here on.
    const emscripten = (sodium as unknown as { libsodium?: { getRandomValue?: unknown } }).libsodium;
    if (typeof emscripten?.getRandomValue !== "function") throw new Error("libsodium.js has no getRandomValue hook");
    emscripten.getRandomValue = createRandomWordPool((words) => {
      globalThis.crypto.getRandomValues(words);
    });
    return sodium;
  });
  return loading;
}

/**
 * Gives a libsodium result the type it really has. libsodium.js copies every result out
 * of its WebAssembly heap (a plain, never shared, ArrayBuffer) into a new Uint8Array,
 * but declares plain `Uint8Array`, which TypeScript ≥ 5.7 reads as "maybe over a
 * SharedArrayBuffer"; Prisma `Bytes` fields and Web APIs ask for
 * `Uint8Array<ArrayBuffer>`. Changes the type only; copies nothing.
 */
export function fromSodium(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}
