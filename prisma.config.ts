import path from "node:path";
import type { PrismaConfig } from "prisma";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveDatabase } from "./lib/db/resolve-database";

// The Prisma CLI (generate, migrate diff/status) runs on its JavaScript engine with a
// driver adapter, so nothing is downloaded. Which schema applies follows DATABASE_URL.
const database = resolveDatabase(process.env.DATABASE_URL, process.env.TIPLINE_DATA_DIR);

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", database.provider, "schema.prisma"),
  migrations: { path: path.join("prisma", database.provider, "migrations") },
  async adapter() {
    if (database.provider === "postgres") return new PrismaPg({ connectionString: database.url });
    return new PrismaBetterSQLite3({ url: database.url });
  },
} satisfies PrismaConfig;
