// PostgreSQL for the database tests: set TEST_DATABASE_URL (CI does) and each test file
// gets a fresh schema of its own, dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "";

/** A URL for a fresh, uniquely named schema on TEST_DATABASE_URL's database. */
export function freshSchemaUrl(): { url: string; schema: string } {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("schema", schema);
  return { url: url.toString(), schema };
}

/** Drops a schema made by freshSchemaUrl, with everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  if (!/^t_[0-9a-f]{12}$/.test(schema)) throw new Error("refusing to drop a schema this suite did not make");
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
