import "server-only";

// The server's half of the crypto facade: what only the server runs, where it may use a
// native build of libsodium instead of the WebAssembly one the browser gets. Server code
// that derives a reporter's keys from a receipt code (the no-JavaScript form and status
// page) imports from here; everything else comes from index.ts.

export {
  deriveReporterKeysOnServer,
  deriveReporterKeysWithBuild,
  serverArgon2idChoice,
  type TServerArgon2idBackend,
  type TServerArgon2idChoice,
} from "./derive-reporter-keys-on-server";
