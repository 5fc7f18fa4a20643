import "server-only";
import { z } from "zod";

const ZBase64Url32 = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "must be 32 random bytes in base64url (43 characters); see .env.example");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z.string().trim().optional(),
  /** Master secret for keyed hashes (receipt lookups, operator verifiers, sessions, tokens). */
  TIPLINE_SECRET_KEY: ZBase64Url32,
  /** Encrypts Next.js server-action references; Next reads it itself, checked here so a bad value is named. */
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 random bytes in standard base64; see .env.example")
    .optional(),
  /** Name shown on the site; when unset the installation calls itself a demo. */
  TIPLINE_ORGANISATION_NAME: z.string().trim().min(1).max(120).optional(),
  /** Phone number for consultation ("bel voor overleg"). */
  TIPLINE_ORGANISATION_PHONE: z.string().trim().min(3).max(40).optional(),
  /** Where "Snel weg" sends the reporter. Must be https. */
  TIPLINE_QUICK_EXIT_URL: z.string().url().startsWith("https://").default("https://www.weeronline.nl/"),
  /** Port and interface `npm start` serves on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  TIPLINE_LISTEN_HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** Where the embedded database and the generated local secrets live. */
  TIPLINE_DATA_DIR: z.string().trim().min(1).default("data"),
  /** The public origin, used only to print the setup link. */
  TIPLINE_PUBLIC_ORIGIN: z.string().url().optional(),
  /**
   * Server processes `npm start` runs on the one port (Node's cluster module): more than one
   * uses more cores. Every worker is stateless; see README "Running several instances".
   */
  TIPLINE_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Days a closed tip (with its messages and notes) is kept after the day it was closed. */
  TIPLINE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type TEnv = z.output<typeof ZEnv>;

let parsed: TEnv | undefined;

/**
 * The environment, parsed once into one typed object. Inside the running app (app/,
 * components/, lib/) this is the only reader of process.env, with two exceptions:
 * instrumentation.ts reads NEXT_RUNTIME and NEXT_PHASE, which Next.js sets itself, and
 * lib/setup/local-secrets.ts fills in missing secrets before this parse. Outside the app,
 * the command-line scripts read their own variables directly: scripts/start.ts
 * (TIPLINE_DATA_DIR, TIPLINE_SKIP_BUILD, and it sets DATABASE_URL for the server it
 * starts), scripts/lib/ask-passphrase.ts (TIPLINE_POLICE_PASSPHRASE), prisma.config.ts
 * and scripts/prisma-cli-env.ts (DATABASE_URL, TIPLINE_DATA_DIR); so do the tests and
 * benchmarks (TEST_DATABASE_URL, BENCH_DATABASE_URL, CHROMIUM_PATH, KEEP_E2E_DATA).
 * Throws an Error naming every bad key (never its value) when the environment is invalid.
 */
export function getEnv(): TEnv {
  if (parsed) return parsed;
  // An empty value (KEY= in .env) means "not set".
  const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ""));
  const result = ZEnv.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  parsed = result.data;
  return parsed;
}
