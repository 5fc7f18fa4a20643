import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfStale } from "../../scripts/lib/build-if-stale";
import { startTestServer, testSecrets } from "../support/server";

export const E2E_STATE_FILE = path.join(os.tmpdir(), "tipline-e2e-state.json");

/** One real server for the browser journeys, on a fresh database; stopped by the teardown it returns. */
export default async function globalSetup() {
  buildIfStale();
  const server = await startTestServer({ port: 3217, env: testSecrets() });
  // A fresh database: no operator has a second factor yet (tests/e2e/operator-login.ts).
  fs.rmSync(`${E2E_STATE_FILE}.totp.json`, { force: true });
  fs.writeFileSync(E2E_STATE_FILE, JSON.stringify({ origin: server.origin, setupLink: server.setupLink, dataDir: server.dataDir }), { mode: 0o600 });
  return async () => {
    await server.stop();
    fs.rmSync(E2E_STATE_FILE, { force: true });
    fs.rmSync(`${E2E_STATE_FILE}.totp.json`, { force: true });
    // KEEP_E2E_DATA=1 keeps the database and the server's log for a look after a failure.
    if (process.env.KEEP_E2E_DATA !== "1") fs.rmSync(server.dataDir, { recursive: true, force: true });
    else console.log(`e2e data and server log kept in ${server.dataDir}`);
  };
}
