// `npm run police:open -- <package> [--key police-key.json] [--out <folder>]`: run on the
// police side. Opens a package downloaded from the tip line's outbox with the police key
// (its passphrase from TIPLINE_POLICE_PASSPHRASE or the terminal) and writes the report
// next to it, or into --out: `<name>.json` (the structured fields) and `<name>.txt` (the
// readable document). Exits 1, writing nothing, when the package does not open.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { askPassphrase } from "./lib/ask-passphrase";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { key: { type: "string", default: "police-key.json" }, out: { type: "string" } } });
const packagePath = positionals[0];
if (!packagePath) {
  console.error("Usage: npm run police:open -- <package> [--key police-key.json] [--out <folder>]");
  process.exit(2);
}
const ZKeyFile = z.object({ format: z.literal("tipline-police-key"), version: z.literal(1), publicKey: z.string(), salt: z.string(), wrappedPrivateKey: z.string() });
const ZPackageFile = z.object({ format: z.literal("tipline-police-package"), version: z.literal(1), packageId: z.string(), createdOn: z.string(), sealed: z.string() });
const ZReport = z.object({ format: z.literal("tipline-police-report"), version: z.literal(1), receivedOn: z.string(), forwardedOn: z.string(), fields: z.record(z.string(), z.unknown()), document: z.string() });

function readJson<T>(file: string, schema: z.ZodType<T>, what: string): T {
  try {
    return schema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch {
    console.error(`${file} is not a ${what}.`);
    process.exit(1);
  }
}

const keyFile = readJson(path.resolve(values.key!), ZKeyFile, "police key file (npm run police:keygen)");
const packageFile = readJson(path.resolve(packagePath), ZPackageFile, "tip line package");
const crypto = await import("@/lib/crypto");
const passphrase = await askPassphrase("Passphrase of the police private key: ");
let keyPair;
try {
  keyPair = await crypto.unlockOperatorKey(passphrase, crypto.fromBase64Url(keyFile.salt), crypto.fromBase64Url(keyFile.publicKey), crypto.fromBase64Url(keyFile.wrappedPrivateKey));
} catch {
  console.error("Wrong passphrase for this key file.");
  process.exit(1);
}
let report: z.output<typeof ZReport>;
try {
  report = ZReport.parse(await crypto.openPolicePackage(keyPair, crypto.fromBase64Url(packageFile.sealed)));
} catch {
  console.error("This package does not open with this key: it was sealed to another key, or it was altered.");
  process.exit(1);
} finally {
  keyPair.privateKey.fill(0);
}
const folder = path.resolve(values.out ?? path.dirname(packagePath));
const base = path.join(folder, path.basename(packagePath).replace(/\.tipline-package$/, ""));
fs.mkdirSync(folder, { recursive: true });
fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
fs.writeFileSync(`${base}.txt`, `${report.document}\n`, { mode: 0o600 });
console.log(`Opened package ${packageFile.packageId} (forwarded ${report.forwardedOn}):\n  ${base}.json\n  ${base}.txt`);
process.exit(0);
