// What `npm start` does before serving, on real files: local secrets created once with
// tight permissions, a bad environment named at start, and migrations applied the way
// `prisma migrate deploy` records them (so the real CLI agrees), once, refusing an edit.
// SQLite only (vitest project "sqlite"): it is about the embedded database file the app
// creates; PostgreSQL migrations are held in postgres.test.ts.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureLocalSecrets } from "@/lib/setup/local-secrets";
import { migrateSqlite } from "@/lib/db/migrate-sqlite";
import { prismaCliEnv } from "../../scripts/prisma-cli-env";

const made: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-start-"));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("local secrets", () => {
  it("creates them once, in a 0600 file inside a 0700 folder, and reuses them on the next start", () => {
    const dataDir = path.join(tempDir(), "data");
    const first = {} as NodeJS.ProcessEnv;
    expect(ensureLocalSecrets(dataDir, first).created).toBe(true);
    const file = path.join(dataDir, "secrets.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(first.TIPLINE_SECRET_KEY).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const second = {} as NodeJS.ProcessEnv;
    expect(ensureLocalSecrets(dataDir, second).created).toBe(false);
    expect(second).toEqual(first);
  });

  it("leaves a secret given in the environment alone and writes no stand-in for it", () => {
    const dataDir = tempDir();
    const env = { TIPLINE_SECRET_KEY: "A".repeat(43) } as unknown as NodeJS.ProcessEnv;
    ensureLocalSecrets(dataDir, env);
    expect(env.TIPLINE_SECRET_KEY).toBe("A".repeat(43));
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as object)).toEqual(["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"]);
  });

  it("refuses a malformed secrets file rather than replacing secrets that data depends on", () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, "secrets.json"), JSON.stringify({ TIPLINE_SECRET_KEY: "short" }));
    expect(() => ensureLocalSecrets(dataDir, {} as NodeJS.ProcessEnv)).toThrow(/TIPLINE_SECRET_KEY/);
  });
});

describe("the environment", () => {
  it("fails at start naming the bad key, never its value", () => {
    const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "-e", 'import("./lib/env.ts").then((m) => m.getEnv())'], {
      env: { ...process.env, TIPLINE_SECRET_KEY: "not-a-key-secretvalue", TIPLINE_QUICK_EXIT_URL: "http://insecure.example" },
      encoding: "utf8",
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("TIPLINE_SECRET_KEY");
    expect(result.stderr).toContain("TIPLINE_QUICK_EXIT_URL");
    expect(result.stderr).not.toContain("not-a-key-secretvalue");
  });
});

describe("migrations", () => {
  it("applies every migration once, as prisma migrate deploy records them, and the real CLI agrees", () => {
    const file = path.join(tempDir(), "db", "tipline.db");
    const first = migrateSqlite(file);
    expect(first.applied.length).toBeGreaterThanOrEqual(3);
    expect(migrateSqlite(file).applied).toEqual([]);
    const status = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "status"], {
      env: { ...prismaCliEnv("sqlite"), DATABASE_URL: `file:${file}` },
      encoding: "utf8",
    });
    expect(`${status.stdout}${status.stderr}`).toContain("Database schema is up to date");
    expect(status.status).toBe(0);
  });

  it("refuses to go on when an applied migration was edited afterwards", () => {
    const dir = tempDir();
    const migrations = path.join(dir, "migrations");
    fs.mkdirSync(path.join(migrations, "001_a"), { recursive: true });
    fs.writeFileSync(path.join(migrations, "001_a", "migration.sql"), 'CREATE TABLE "A" ("id" TEXT PRIMARY KEY);');
    const file = path.join(dir, "t.db");
    migrateSqlite(file, migrations);
    fs.writeFileSync(path.join(migrations, "001_a", "migration.sql"), 'CREATE TABLE "A" ("id" TEXT PRIMARY KEY, "x" TEXT);');
    expect(() => migrateSqlite(file, migrations)).toThrow(/changed after it was applied/);
  });
});
