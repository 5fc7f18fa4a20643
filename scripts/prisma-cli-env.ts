// The Prisma 6.19 CLI runs offline on its JavaScript engine; these variables point the
// native-engine download at an existing file so that it never tries to fetch one.
export function prismaCliEnv(provider: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    // `generate` only needs the variable to exist; it opens nothing.
    DATABASE_URL: process.env.DATABASE_URL ?? (provider === "sqlite" ? "file:./data/tipline.db" : "postgresql://localhost/unused"),
  };
}
