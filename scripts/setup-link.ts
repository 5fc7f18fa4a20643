// `npm run setup-link`: a fresh one-time setup link while no operator exists.
import nextEnv from "@next/env";
import { ensureLocalSecrets } from "@/lib/setup/local-secrets";

// The same .env files the Next.js server reads, so both agree on port, data folder and secrets.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
ensureLocalSecrets(process.env.TIPLINE_DATA_DIR || "data");
const { getEnv } = await import("@/lib/env");
const env = getEnv();
const { resolveDatabase } = await import("@/lib/db/resolve-database");
process.env.DATABASE_URL = resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR).url;
const { issueSetupLink } = await import("@/lib/setup/issue-setup-link");
const link = await issueSetupLink(env.TIPLINE_PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`);
console.log(link ?? "An operator already exists: setup is closed.");
process.exit(0);
