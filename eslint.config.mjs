import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The boundaries of the code base, as import rules: libsodium (WebAssembly or native) only in lib/crypto, Prisma
// only in lib/db. Static imports, dynamic import() and require() are all covered.
const LIBSODIUM = /^(libsodium-wrappers(-sumo)?|sodium-native)$/;
const PRISMA = /^@prisma\/(client|adapter-.*)$|db\/generated\//;

function boundary({ libsodium, prisma }) {
  const paths = [];
  const patterns = [];
  const sources = [];
  if (libsodium) {
    paths.push({ name: "libsodium-wrappers-sumo", message: "Use the domain facade in lib/crypto." }, { name: "libsodium-wrappers", message: "Use the domain facade in lib/crypto." }, { name: "sodium-native", message: "Use the domain facade in lib/crypto (server.ts)." });
    sources.push(LIBSODIUM.source);
  }
  if (prisma) {
    paths.push({ name: "@prisma/client", message: "Prisma is used only inside lib/db." });
    patterns.push({ group: ["**/db/generated/**", "@prisma/adapter-*"], message: "Prisma is used only inside lib/db." });
    sources.push(PRISMA.source);
  }
  const pattern = sources.map((source) => `(${source})`).join("|");
  return {
    "no-restricted-imports": ["error", { paths, patterns }],
    "no-restricted-syntax": [
      "error",
      { selector: `ImportExpression[source.value=/${pattern}/]`, message: "This module stays behind its boundary (lib/crypto or lib/db)." },
      { selector: `CallExpression[callee.name="require"][arguments.0.value=/${pattern}/]`, message: "This module stays behind its boundary (lib/crypto or lib/db)." },
    ],
    "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Use crypto.getRandomValues or libsodium." }],
  };
}

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: ["node_modules/**", ".next/**", "lib/db/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/bare-action/.next/**", "bench/bare-action/next-env.d.ts"] },
  { files: ["**/*.{ts,tsx,mjs,js}"], rules: boundary({ libsodium: true, prisma: true }) },
  { files: ["lib/crypto/**"], rules: boundary({ libsodium: false, prisma: true }) },
  { files: ["lib/db/**", "prisma.config.ts"], rules: boundary({ libsodium: true, prisma: false }) },
];

export default config;
