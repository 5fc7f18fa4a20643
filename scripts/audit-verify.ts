// `npm run audit:verify`: checks the audit log's hash chain and names the first broken entry.
// Exit 0: intact. Exit 1: broken. Exit 2: the log could not be read.
import fs from "node:fs";
import { loadScriptEnv } from "./lib/load-script-env";

const { database: target } = await loadScriptEnv();

// Opening a missing SQLite file would create an empty one: say so instead.
if (target.provider === "sqlite" && !fs.existsSync(target.file)) {
  console.error(`audit chain could not be read: no database at ${target.file}`);
  process.exit(2);
}

const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");
try {
  const report = await verifyAuditChain();
  if (report.ok) {
    console.log(`audit chain intact: ${report.entries} entries`);
    process.exit(0);
  }
  console.log(`audit chain broken at entry ${report.brokenAt}: ${report.reason}`);
  process.exit(1);
} catch (error) {
  console.error(`audit chain could not be read: ${error instanceof Error ? error.message : "unknown error"}`);
  process.exit(2);
}
