// The reference for bench/submit-capacity.ts: the smallest Next.js app with a server
// action that inserts a blob, built and served like the tip line (`next build`,
// `next start`) from the repository's own node_modules.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** @type {import("next").NextConfig} */
const config = {
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["better-sqlite3", "pg"],
  // The repository's node_modules, one folder up from this app's own.
  turbopack: { root },
  outputFileTracingRoot: root,
  experimental: { serverActions: { bodySizeLimit: "512kb" } },
};

export default config;
