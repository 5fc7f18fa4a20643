// The boundaries hold whatever the import form: a file outside lib/crypto that reaches for
// libsodium, or outside lib/db for Prisma, fails the lint — static, dynamic or require.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => message.ruleId ?? message.message);
}

describe("import boundaries", () => {
  const outside = "components/tip/example.tsx";
  const attempts: [string, string][] = [
    ["static libsodium", 'import sodium from "libsodium-wrappers-sumo";\nexport const x = sodium;\n'],
    ["static plain libsodium", 'import sodium from "libsodium-wrappers";\nexport const x = sodium;\n'],
    ["dynamic libsodium", 'export const load = () => import("libsodium-wrappers-sumo");\n'],
    ["require libsodium", 'export const load = () => require("libsodium-wrappers-sumo");\n'],
    ["static native libsodium", 'import sodium from "sodium-native";\nexport const x = sodium;\n'],
    ["dynamic native libsodium", 'export const load = () => import("sodium-native");\n'],
    ["require native libsodium", 'export const load = () => require("sodium-native");\n'],
    ["static Prisma client", 'import { PrismaClient } from "@prisma/client";\nexport const x = PrismaClient;\n'],
    ["generated client", 'import { PrismaClient } from "@/lib/db/generated/sqlite/client";\nexport const x = PrismaClient;\n'],
    ["dynamic generated client", 'export const load = () => import("@/lib/db/generated/sqlite/client");\n'],
    ["Math.random", "export const roll = () => Math.random();\n"],
  ];
  for (const [name, code] of attempts) {
    it(`refuses ${name} outside its boundary`, async () => {
      expect((await errorsFor(outside, code)).length).toBeGreaterThan(0);
    });
  }

  it("lets lib/crypto import libsodium and lib/db import Prisma", async () => {
    expect(await errorsFor("lib/crypto/example.ts", 'export const load = () => import("libsodium-wrappers-sumo");\n')).toEqual([]);
    expect(await errorsFor("lib/crypto/example.ts", 'export const load = () => import("sodium-native");\n')).toEqual([]);
    expect(await errorsFor("lib/db/example.ts", 'import { PrismaClient } from "./generated/sqlite/client";\nexport const x = PrismaClient;\n')).toEqual([]);
  });

  it("keeps Prisma out of lib/crypto and libsodium out of lib/db", async () => {
    expect((await errorsFor("lib/crypto/example.ts", 'import { PrismaClient } from "@prisma/client";\nexport const x = PrismaClient;\n')).length).toBeGreaterThan(0);
    expect((await errorsFor("lib/db/example.ts", 'export const load = () => import("libsodium-wrappers-sumo");\n')).length).toBeGreaterThan(0);
    expect((await errorsFor("lib/db/example.ts", 'import sodium from "sodium-native";\nexport const x = sodium;\n')).length).toBeGreaterThan(0);
  });
});
