// Setup file of the vitest project "postgres": after each test file (after the file's own
// afterAll hooks, which stop its servers), its schema is dropped.
import { afterAll } from "vitest";
import { releaseTestDatabase } from "./database";

afterAll(async () => {
  await releaseTestDatabase();
});
