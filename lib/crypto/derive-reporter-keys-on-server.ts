import "server-only";
import { deriveReporterKeysWith, RECEIPT_KDF, type TReporterKeys, type TReceiptArgon2id, wasmReceiptArgon2id } from "./derive-reporter-keys";

export type TServerArgon2idBackend = "native" | "wasm";

let loading: Promise<{ backend: TServerArgon2idBackend; argon2id: TReceiptArgon2id }> | undefined;

/**
 * Loads the native build once. Its Argon2id uses the CPU's vector units (AVX2 here): about
 * 2.8 ms of CPU a derivation against 4.3–5 ms for WebAssembly. It runs on the calling
 * thread, as the WebAssembly build does: sodium-native's thread-pool variant measured
 * 3.6–3.9 ms of CPU one at a time and 4.1 ms four at a time (fresh memory and cache
 * misses per thread), and on a CPU-bound server the CPU is what counts.
 * Where the prebuilt addon cannot load (a platform it has no build for), the WebAssembly
 * build does the same work: both are libsodium's crypto_pwhash, and the tests hold them
 * to the same output.
 */
function loadArgon2id(): Promise<{ backend: TServerArgon2idBackend; argon2id: TReceiptArgon2id }> {
  loading ??= import("sodium-native")
    .then(({ default: native }) => {
      if (typeof native.crypto_pwhash !== "function") throw new Error("sodium-native has no crypto_pwhash");
      const argon2id: TReceiptArgon2id = async (password, salt) => {
        const output = new Uint8Array(64);
        native.crypto_pwhash(output, password, salt, RECEIPT_KDF.opslimit, RECEIPT_KDF.memlimit, native.crypto_pwhash_ALG_ARGON2ID13);
        return output;
      };
      return { backend: "native" as const, argon2id };
    })
    .catch((error: unknown) => {
      console.warn(`[crypto] native Argon2id unavailable (${error instanceof Error ? error.name : "unknown error"}); using WebAssembly`);
      return { backend: "wasm" as const, argon2id: wasmReceiptArgon2id };
    });
  return loading;
}

/** Which build derives receipt keys in this process: for the tests and the benchmarks. */
export async function serverArgon2idBackend(): Promise<TServerArgon2idBackend> {
  return (await loadArgon2id()).backend;
}

/**
 * `deriveReporterKeys` for the server: the same keys from the same code (the known-answer
 * and cross-build tests hold both to it), with Argon2id from the native build when it
 * loads. The server holds the code and the keys for this request only.
 */
export async function deriveReporterKeysOnServer(code: string): Promise<TReporterKeys> {
  const { argon2id } = await loadArgon2id();
  return deriveReporterKeysWith(code, argon2id);
}
