import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // `server-only` throws outside React Server Components; tests import server modules directly.
  "server-only": fileURLToPath(new URL("./tests/support/server-only-stub.ts", import.meta.url)),
};
const shared = { environment: "node", testTimeout: 30_000, hookTimeout: 300_000 } as const;

// The suites that use the database under test (tests/support/database.ts), in-process or
// through a server they start: they run on SQLite, and also on PostgreSQL when
// TEST_DATABASE_URL is set. Every other database suite is about SQLite files on disk and
// says so at its top (fault-sigkill, fuzz, no-trace, start-up, workers).
const DATABASE_SUITES = [
  "audit",
  "authorization",
  "cross-site",
  "desk-key-rotation",
  "follow-up",
  "forwarding",
  "inbox-pages",
  "job-leases",
  "login-lock",
  "operators",
  "rate-limits",
  "retention",
  "sealed-store",
  "second-factor",
  "send-without-javascript",
  "status-http",
  "triage",
].map((name) => `tests/integration/${name}.test.ts`);
// PostgreSQL only, each in a schema or a server of its own.
const POSTGRES_SUITES = ["postgres", "two-instances", "fault-postgres-restart"].map((name) => `tests/integration/${name}.test.ts`);

export default defineConfig({
  resolve: { alias },
  test: {
    // In the root config only: vitest 4 runs the root's globalSetup once for all projects,
    // and a project's own globalSetup (inherited with `extends: true`) once more each. The
    // projects below therefore do not extend this config, and repeat what they need of it.
    globalSetup: ["tests/support/build.ts"],
    projects: [
      {
        resolve: { alias },
        test: {
          ...shared,
          name: "sqlite",
          include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "lib/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...POSTGRES_SUITES],
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve: { alias },
              test: {
                ...shared,
                name: "postgres",
                include: [...DATABASE_SUITES, ...POSTGRES_SUITES],
                env: { TIPLINE_TEST_DB: "postgres" },
                setupFiles: ["tests/support/postgres-project.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
