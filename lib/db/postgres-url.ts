/**
 * Splits Prisma's `?schema=` convention off a PostgreSQL URL: node-postgres does not know
 * the parameter, and the app sets the schema itself (search_path). Throws for a schema
 * name that is not a plain identifier, so it can be quoted into SQL safely.
 */
export function splitPostgresUrl(url: string): { connectionString: string; schema: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  parsed.searchParams.delete("schema");
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error("DATABASE_URL: the schema parameter must be a plain identifier");
  return { connectionString: parsed.toString(), schema };
}
