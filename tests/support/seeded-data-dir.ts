import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { seedFirstOperator } from "./seed";
import { testSecrets } from "./server";

/**
 * For a suite that uses the database under test in process: a fresh data folder, with the
 * first operator seeded before the suite's tests and the folder removed after them. Call
 * it before the suite's own hooks: its beforeAll then runs first, and its afterAll last
 * (vitest runs afterAll hooks in reverse order). Read `.path` inside hooks and tests.
 */
export function seededDataDirForSuite(prefix: string): { readonly path: string } {
  const folder = { path: "" };
  beforeAll(async () => {
    folder.path = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    await seedFirstOperator(folder.path, testSecrets());
  });
  afterAll(() => {
    if (folder.path) fs.rmSync(folder.path, { recursive: true, force: true });
  });
  return folder;
}
