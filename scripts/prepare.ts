// Everything `npm start` and `npm test` need before the app can run: the Prisma client,
// generated offline by the JavaScript engine. Idempotent and quick when nothing changed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { prismaCliEnv } from "./prisma-cli-env";

const schemas = ["sqlite", "postgres"];
for (const provider of schemas) {
  const schema = path.join("prisma", provider, "schema.prisma");
  const client = path.join("lib", "db", "generated", provider, "client.ts");
  if (fs.existsSync(client) && fs.statSync(client).mtimeMs >= fs.statSync(schema).mtimeMs) continue;
  const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schema], {
    stdio: "inherit",
    env: prismaCliEnv(provider),
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
