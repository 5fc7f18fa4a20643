// One data model, two providers: the SQLite and PostgreSQL schemas must declare the same
// models, fields and attributes, so code written once works on both.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

function models(file: string): string {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/^model \w+ \{[\s\S]*?^\}/gm)].map((match) => match[0].replace(/[ \t]+/g, " ")).join("\n\n");
}

describe("Prisma schemas", () => {
  it("declare the same models for SQLite and PostgreSQL", () => {
    const sqlite = models("prisma/sqlite/schema.prisma");
    expect(sqlite).toContain("model Tip {");
    expect(models("prisma/postgres/schema.prisma")).toBe(sqlite);
  });

  it("each have a migration lock for their own provider", () => {
    expect(fs.readFileSync("prisma/sqlite/migrations/migration_lock.toml", "utf8")).toContain('provider = "sqlite"');
    expect(fs.readFileSync("prisma/postgres/migrations/migration_lock.toml", "utf8")).toContain('provider = "postgresql"');
  });
});
