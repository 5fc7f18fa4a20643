import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: ["node_modules/**", ".next/**", "lib/db/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    // The crypto boundary: only lib/crypto may touch libsodium.
    files: ["**/*.{ts,tsx,mjs,js}"],
    ignores: ["lib/crypto/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "libsodium-wrappers-sumo", message: "Use the domain facade in lib/crypto." },
            { name: "libsodium-wrappers", message: "Use the domain facade in lib/crypto (sumo build)." },
          ],
        },
      ],
    },
  },
  {
    // Prisma only inside lib/db.
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/db/**", "lib/crypto/**", "prisma.config.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "libsodium-wrappers-sumo", message: "Use the domain facade in lib/crypto." },
            { name: "@prisma/client", message: "Prisma is used only inside lib/db." },
          ],
          patterns: [{ group: ["**/db/generated/**", "@prisma/adapter-*"], message: "Prisma is used only inside lib/db." }],
        },
      ],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Use crypto.getRandomValues or libsodium." }],
    },
  },
];

export default config;
