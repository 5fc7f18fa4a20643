import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTestServer, testSecrets } from "../support/server";

export const E2E_STATE_FILE = path.join(os.tmpdir(), "tipline-e2e-state.json");

/** One real server for the browser journeys, on a fresh database; stopped by the teardown it returns. */
export default async function globalSetup() {
  const server = await startTestServer({ port: 3217, env: testSecrets() });
  fs.writeFileSync(E2E_STATE_FILE, JSON.stringify({ origin: server.origin, setupLink: server.setupLink, dataDir: server.dataDir }), { mode: 0o600 });
  return async () => {
    await server.stop();
    fs.rmSync(E2E_STATE_FILE, { force: true });
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
}
