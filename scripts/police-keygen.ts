// `npm run police:keygen -- [--out police-key.json]`: run on the police side, never on the
// tip line's server. Makes the police recipient's key pair: the private key is written
// wrapped under a passphrase (Argon2id, as operators' keys are) to a 0600 file; the public
// key and its fingerprint are printed, for the line's admin to set under Team and compare.
// The passphrase comes from TIPLINE_POLICE_PASSPHRASE or is asked for on the terminal.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { askPassphrase } from "./lib/ask-passphrase";
import { checkPassphrase } from "@/lib/operators/check-passphrase";

const { values } = parseArgs({ options: { out: { type: "string", default: "police-key.json" } } });
const out = path.resolve(values.out!);
if (fs.existsSync(out)) {
  console.error(`${out} exists already: a police key is never overwritten. Choose another --out.`);
  process.exit(1);
}
const passphrase = await askPassphrase("Passphrase for the police private key: ", { confirm: true });
const verdict = await checkPassphrase(passphrase);
if (!verdict.ok) {
  console.error(verdict.error === "errors.passphraseTooShort" ? "The passphrase needs at least 12 characters." : "This passphrase is too easy to guess. Choose a sentence of four or more ordinary words.");
  process.exit(1);
}
const crypto = await import("@/lib/crypto");
const keys = await crypto.createOperatorKeys(passphrase);
keys.privateKey.fill(0);
keys.authKey.fill(0);
const file = {
  format: "tipline-police-key",
  version: 1,
  publicKey: crypto.toBase64Url(keys.publicKey),
  salt: crypto.toBase64Url(keys.salt),
  wrappedPrivateKey: crypto.toBase64Url(keys.wrappedPrivateKey),
};
fs.writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: "wx" });
console.log(`Private key (wrapped under the passphrase) written to ${out} (mode 0600). Keep it and the passphrase apart.`);
console.log(`\nPublic key, for the tip line's admin (Team → Police key):\n\n  ${file.publicKey}\n`);
console.log(`Fingerprint, to compare with what the admin sees: ${await crypto.fingerprintPublicKey(keys.publicKey)}`);
process.exit(0);
