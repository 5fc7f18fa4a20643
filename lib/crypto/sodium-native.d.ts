// The slice of `sodium-native` (libsodium through N-API, prebuilt) that
// lib/crypto/derive-reporter-keys-on-server.ts uses; the package ships no types.
// A CommonJS module: its API is the default export.
declare module "sodium-native" {
  const sodium: {
    crypto_pwhash_ALG_ARGON2ID13: number;
    /** Throws when libsodium fails (out of memory); fills `out` otherwise. */
    crypto_pwhash(out: Uint8Array, password: Uint8Array, salt: Uint8Array, opslimit: number, memlimit: number, algorithm: number): void;
  };
  export default sodium;
}
