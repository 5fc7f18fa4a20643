// Every text the site shows comes from messages/{nl,en}: each literal key a component or
// page passes to its translator exists in both languages, and both languages have the
// same keys, so no reporter ever sees a raw key or a Dutch gap on the English site.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getMessages, type TNamespace } from "@/lib/i18n/messages";
import { createTranslator, type TMessageTree } from "@/lib/i18n/translate";

// Which translator a folder's `t(...)` calls use; `tTip(...)` is always the tip namespace.
const NAMESPACE_BY_FOLDER: [string, TNamespace][] = [
  ["components/tip", "tip"],
  ["components/operator", "operator"],
  ["app/(operator)", "operator"],
  ["app/(public)", "site"],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function literalKeys(file: string): { namespace: TNamespace; key: string }[] {
  const folder = NAMESPACE_BY_FOLDER.find(([prefix]) => file.startsWith(prefix));
  if (!folder) return [];
  const source = fs.readFileSync(file, "utf8");
  const keys: { namespace: TNamespace; key: string }[] = [];
  for (const match of source.matchAll(/\b(t|tTip)\(\s*"([A-Za-z0-9_.-]+)"/g)) {
    keys.push({ namespace: match[1] === "tTip" ? "tip" : folder[1], key: match[2]! });
  }
  return keys;
}

function leafKeys(tree: TMessageTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

describe("message files", () => {
  const files = ["components", "app"].flatMap(sourceFiles);
  const used = files.flatMap((file) => literalKeys(file).map((entry) => ({ ...entry, file })));

  it("finds the translated texts of the components and pages (the scan itself works)", () => {
    expect(used.length).toBeGreaterThan(80);
    expect(used.some((entry) => entry.key === "home.title" && entry.namespace === "site")).toBe(true);
  });

  it("resolves every literal key used by a component or page in Dutch and in English", () => {
    const missing: string[] = [];
    for (const locale of ["nl", "en"] as const) {
      const messages = getMessages(locale);
      for (const { namespace, key, file } of used) {
        const t = createTranslator(messages[namespace] as TMessageTree);
        if (t(key) === key) missing.push(`${locale}/${namespace}.json: ${key} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has the same keys in Dutch and English for every namespace", () => {
    for (const namespace of ["site", "tip", "operator"] as const) {
      const nl = leafKeys(getMessages("nl")[namespace] as TMessageTree).sort();
      const en = leafKeys(getMessages("en")[namespace] as TMessageTree).sort();
      expect(en, namespace).toEqual(nl);
    }
  });

  it("has no empty text", () => {
    for (const locale of ["nl", "en"] as const) {
      for (const namespace of ["site", "tip", "operator"] as const) {
        const tree = getMessages(locale)[namespace] as TMessageTree;
        const t = createTranslator(tree);
        const empty = leafKeys(tree).filter((key) => t(key).trim() === "");
        expect(empty, `${locale}/${namespace}`).toEqual([]);
      }
    }
  });
});
