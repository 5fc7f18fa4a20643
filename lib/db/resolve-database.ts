import path from "node:path";

export type TDatabaseTarget = { provider: "sqlite"; url: string; file: string } | { provider: "postgres"; url: string };


/**
 * Decides which database a DATABASE_URL points at. `file:` URLs are SQLite (made absolute
 * against the working directory, so every tool opens the same file); `postgres://` and
 * `postgresql://` are PostgreSQL. Without a URL: `<dataDir>/tipline.db`, the embedded default.
 * Throws with the key's name for anything else.
 */
export function resolveDatabase(url: string | undefined, dataDir = "data"): TDatabaseTarget {
  const value = url && url.trim() !== "" ? url.trim() : `file:${path.join(dataDir, "tipline.db")}`;
  if (value.startsWith("file:")) {
    const file = path.resolve(value.slice("file:".length));
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { provider: "postgres", url: value };
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}
