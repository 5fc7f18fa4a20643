// The start of every command-line script: the same .env files the Next.js server reads,
// local secrets where the environment has none, the parsed environment, and DATABASE_URL
// resolved to the database the server uses — so script and server always agree.
import nextEnv from "@next/env";
import { ensureLocalSecrets } from "@/lib/setup/local-secrets";

/** Loads and checks the environment; throws naming the key when it is invalid. */
export async function loadScriptEnv() {
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  ensureLocalSecrets(process.env.TIPLINE_DATA_DIR || "data");
  const { getEnv } = await import("@/lib/env");
  const env = getEnv();
  const { resolveDatabase } = await import("@/lib/db/resolve-database");
  const database = resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR);
  process.env.DATABASE_URL = database.url;
  return { env, database };
}
