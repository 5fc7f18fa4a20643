import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/** The secrets `npm start` generates on first start when the environment has none. */
export const LOCAL_SECRET_KEYS = ["TIPLINE_SECRET_KEY", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"] as const;
type TLocalSecrets = Record<(typeof LOCAL_SECRET_KEYS)[number], string>;

function generate(): TLocalSecrets {
  return {
    TIPLINE_SECRET_KEY: randomBytes(32).toString("base64url"),
    // Next.js expects standard base64 for the server-actions key.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
}

/**
 * Fills the process environment with local secrets for an embedded installation: values
 * already in the environment win; missing ones come from `<dataDir>/secrets.json`, which
 * is created on first start with mode 0600 (the folder 0700), outside the web root and
 * git-ignored. Throws when the file exists but is unreadable or malformed, rather than
 * silently replacing secrets that existing data depends on.
 */
export function ensureLocalSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): { file: string; created: boolean } {
  const file = path.resolve(dataDir, "secrets.json");
  const missing = LOCAL_SECRET_KEYS.filter((key) => !env[key]);
  if (missing.length === 0) return { file, created: false };
  let created = false;
  let secrets: Partial<TLocalSecrets>;
  if (fs.existsSync(file)) {
    secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<TLocalSecrets>;
    for (const key of missing) {
      const value = secrets[key];
      if (typeof value !== "string" || value.length < 40) throw new Error(`${file}: ${key} is missing or malformed`);
    }
  } else {
    // Only what the environment lacks: a secret set there must not get a stand-in on disk
    // that would silently take over if the variable were removed later.
    const fresh = generate();
    secrets = Object.fromEntries(missing.map((key) => [key, fresh[key]]));
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    created = true;
  }
  for (const key of missing) env[key] = secrets[key];
  return { file, created };
}
