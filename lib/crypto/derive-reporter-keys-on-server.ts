import "server-only";
import { deriveReporterKeysWith, RECEIPT_KDF, type TReporterKeys, type TReceiptArgon2id, wasmReceiptArgon2id } from "./derive-reporter-keys";

export type TServerArgon2idBackend = "native" | "wasm";

/** Which build this process derives with, and why: for the log, the tests and the benchmarks. */
export type TServerArgon2idChoice = {
  backend: TServerArgon2idBackend;
  /** Whether the native addon loaded at all (false: a platform it has no build for, a broken install). */
  nativeLoaded: boolean;
  /** The median of each build's calibration runs, in milliseconds; null where there was no comparison. */
  nativeMs: number | null;
  wasmMs: number | null;
};

type TLoaded = TServerArgon2idChoice & { argon2id: TReceiptArgon2id };

/** Runs per build when a process first derives: the medians are compared. */
export const CALIBRATION_RUNS = 5;

let loading: Promise<TLoaded> | undefined;
let loadingNative: Promise<TReceiptArgon2id> | undefined;

/** The WebAssembly build, with no comparison behind the choice. */
function wasmOnly(nativeLoaded: boolean): TLoaded {
  return { backend: "wasm", nativeLoaded, nativeMs: null, wasmMs: null, argon2id: wasmReceiptArgon2id };
}

function nativeArgon2id(native: (typeof import("sodium-native"))["default"]): TReceiptArgon2id {
  if (typeof native.crypto_pwhash !== "function") throw new Error("sodium-native has no crypto_pwhash");
  return async (password, salt) => {
    const output = new Uint8Array(64);
    native.crypto_pwhash(output, password, salt, RECEIPT_KDF.opslimit, RECEIPT_KDF.memlimit, native.crypto_pwhash_ALG_ARGON2ID13);
    return output;
  };
}

/** The native build's Argon2id, loaded once; rejects where the addon cannot load. */
function loadNativeArgon2id(): Promise<TReceiptArgon2id> {
  loadingNative ??= import("sodium-native").then(({ default: native }) => nativeArgon2id(native));
  return loadingNative;
}

/** Milliseconds one derivation takes (both builds compute on the calling thread, so wall time is CPU time). */
async function timed(argon2id: TReceiptArgon2id, password: Uint8Array, salt: Uint8Array): Promise<{ ms: number; output: Uint8Array }> {
  const start = performance.now();
  const output = await argon2id(password, salt);
  return { ms: performance.now() - start, output };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Chooses between the two builds of the same function by timing both on this CPU, once
 * per process, at its first derivation (~100 ms, then never again). Neither is faster
 * everywhere. Measured on two machines of this workplace: on one, native 2.6 ms against
 * WebAssembly 4.1 ms; on an AMD EPYC with AVX-512, native 7.4–8.9 ms against WebAssembly
 * 4.7–4.9 ms (libsodium picks its AVX-512 Argon2id there, and Debian's own libsodium
 * measured 9.3 ms on the same CPU, so it is the CPU, not the addon).
 * Both must also agree on the calibration input: a native build that computes anything
 * else than the browser's build would orphan receipts, so it is not used.
 */
export async function chooseArgon2id(native: TReceiptArgon2id, wasm: TReceiptArgon2id, runs: number = CALIBRATION_RUNS): Promise<TLoaded> {
  const password = new TextEncoder().encode("tipline/argon2id-calibration");
  const salt = new Uint8Array(16);
  const nativeRuns: number[] = [];
  const wasmRuns: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const fromWasm = await timed(wasm, password, salt);
    let fromNative: { ms: number; output: Uint8Array };
    try {
      fromNative = await timed(native, password, salt);
    } catch (error) {
      console.warn(`[crypto] native Argon2id failed (${error instanceof Error ? error.name : "unknown error"}); using WebAssembly`);
      return { ...wasmOnly(true), argon2id: wasm };
    }
    if (fromNative.output.length !== 64 || fromNative.output.some((byte, index) => byte !== fromWasm.output[index])) {
      console.warn("[crypto] native Argon2id disagrees with WebAssembly; using WebAssembly");
      return { ...wasmOnly(true), argon2id: wasm };
    }
    nativeRuns.push(fromNative.ms);
    wasmRuns.push(fromWasm.ms);
  }
  // Medians, not minimums: the first WebAssembly run compiles (~30 ms), and the native
  // build's time is bimodal on the AVX-512 CPU (mostly ~9 ms, one run in six ~5.7 ms).
  const [nativeMs, wasmMs] = [median(nativeRuns), median(wasmRuns)];
  const backend: TServerArgon2idBackend = nativeMs <= wasmMs ? "native" : "wasm";
  console.log(`[crypto] receipt Argon2id: ${backend === "native" ? "native" : "WebAssembly"} (native ${nativeMs.toFixed(1)} ms, WebAssembly ${wasmMs.toFixed(1)} ms on this CPU)`);
  return { backend, nativeLoaded: true, nativeMs, wasmMs, argon2id: backend === "native" ? native : wasm };
}

/**
 * Loads the native build once and keeps whichever build is faster here (`chooseArgon2id`).
 * It runs on the calling thread, as the WebAssembly build does: sodium-native's
 * thread-pool variant measured 3.6–3.9 ms of CPU one at a time and 4.1 ms four at a time
 * where the synchronous call took 2.8 ms (fresh memory and cache misses per thread), and
 * on a CPU-bound server the CPU is what counts.
 * Where the prebuilt addon cannot load (a platform it has no build for), the WebAssembly
 * build does the same work: both are libsodium's crypto_pwhash, and the tests hold them
 * to the same output.
 */
function loadArgon2id(): Promise<TLoaded> {
  loading ??= loadNativeArgon2id()
    .then(
      (native) => chooseArgon2id(native, wasmReceiptArgon2id),
      (error: unknown): TLoaded => {
        console.warn(`[crypto] native Argon2id unavailable (${error instanceof Error ? error.name : "unknown error"}); using WebAssembly`);
        return wasmOnly(false);
      },
    )
    .catch((error: unknown) => {
      // The WebAssembly build itself failed: nothing to choose from. The next call tries again.
      loading = undefined;
      throw error;
    });
  return loading;
}

/** Which build derives receipt keys in this process, and the calibration behind it. */
export async function serverArgon2idChoice(): Promise<TServerArgon2idChoice> {
  const { argon2id, ...choice } = await loadArgon2id();
  void argon2id;
  return choice;
}

/**
 * One given build's derivation, whichever this process chose: for the tests that hold
 * both builds to the same answers and the benchmark that times both. Rejects with the
 * load error where the native addon cannot load.
 */
export async function deriveReporterKeysWithBuild(code: string, build: TServerArgon2idBackend): Promise<TReporterKeys> {
  return deriveReporterKeysWith(code, build === "native" ? await loadNativeArgon2id() : wasmReceiptArgon2id);
}

/**
 * `deriveReporterKeys` for the server: the same keys from the same code (the known-answer
 * and cross-build tests hold both to it), with Argon2id from whichever build is faster on
 * this CPU. The server holds the code and the keys for this request only.
 */
export async function deriveReporterKeysOnServer(code: string): Promise<TReporterKeys> {
  const { argon2id } = await loadArgon2id();
  return deriveReporterKeysWith(code, argon2id);
}
