import type { NextConfig } from "next";
import { PROXY_BODY_COPY_LIMIT_BYTES, SERVER_ACTION_BODY_LIMIT_KIB } from "./lib/body-limit";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Types are checked by `npm test` (tsc over app, lib and tests); `npm start` only builds.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Native and WASM packages stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "libsodium-wrappers-sumo", "sodium-native"],
  experimental: {
    serverActions: {
      // See lib/body-limit.ts and docs/THREAT-MODEL.md ("Bad input").
      bodySizeLimit: `${SERVER_ACTION_BODY_LIMIT_KIB}kb`,
      // No allowedOrigins: proxy.ts refuses a post from any other origin before Next
      // (isFromThisOrigin in lib/http/request-guards.ts), and would have to learn the list.
    },
    // Next copies every POST body that passes through proxy.ts into memory, by default up
    // to 10 MB, even one the proxy refuses. Past its limit it drops the piece that crossed
    // it and hands on what it has as if the body had ended, so the limit sits 1 MiB above
    // the action limit (a piece is at most 64 KiB): a body cut there is still over the
    // action limit and refused, never a shorter body that parses.
    proxyClientMaxBodySize: PROXY_BODY_COPY_LIMIT_BYTES,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [...SECURITY_HEADERS],
      },
    ];
  },
};

export default nextConfig;
