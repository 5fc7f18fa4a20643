// Reads the test references in docs/THREAT-MODEL.md and the test titles declared in test
// files, so that the threat model cannot cite a test that does not exist.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** A test title as a file declares it. `pattern` is set when parts are filled in at run time. */
export type TDeclaredTitle = { raw: string; pattern: RegExp | null };

/** One `` `path/to/file.test.ts` › "title" `` in a Markdown document. */
export type TReference = { file: string; title: string; line: number };

/** A reference and why it does not hold. */
export type TBrokenReference = TReference & { problem: string };

/** How a reference is written: a test file in backticks, ›, the title in straight double quotes. */
export const REFERENCE = /`([^`\s]+\.(?:test|spec)\.tsx?)`\s*›\s*"([^"\n]*)"/g;

// Modifiers that keep a call a test declaration: it.only(…), test.skip(…), test.fixme(…).
const MODIFIERS = new Set(["only", "skip", "concurrent", "sequential", "fails", "todo", "fixme", "fail", "slow"]);
// Modifiers that are called first and then take the title: it.skipIf(cond)(…), it.each(table)(…).
const CALLED_MODIFIERS = new Set(["skipIf", "runIf"]);

/** Whether `callee` is `it`/`test` (possibly with modifiers), and whether titles are `each` formats. */
function testCallee(callee: ts.Expression): { each: boolean } | null {
  if (ts.isIdentifier(callee)) return callee.text === "it" || callee.text === "test" ? { each: false } : null;
  if (ts.isPropertyAccessExpression(callee) && MODIFIERS.has(callee.name.text)) return testCallee(callee.expression);
  if (ts.isCallExpression(callee) && ts.isPropertyAccessExpression(callee.expression)) {
    const modifier = callee.expression.name.text;
    const base = testCallee(callee.expression.expression);
    if (!base) return null;
    if (modifier === "each" || modifier === "for") return { each: true };
    if (CALLED_MODIFIERS.has(modifier)) return base;
  }
  return null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** vitest's `each` placeholders (%s, %j, %i, $name, …) as "some text"; %% is a literal %. */
function eachPattern(text: string): string {
  return text
    .split(/(%%|%[sdifjoOc#$]|\$[A-Za-z_][\w.]*)/)
    .map((part, index) => (index % 2 === 0 ? escapeRegExp(part) : part === "%%" ? "%" : ".+?"))
    .join("");
}

function declaredTitle(node: ts.Expression, each: boolean): TDeclaredTitle | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return { raw: node.text, pattern: each ? new RegExp(`^${eachPattern(node.text)}$`, "s") : null };
  }
  if (ts.isTemplateExpression(node)) {
    const literal = (text: string) => (each ? eachPattern(text) : escapeRegExp(text));
    const source = [literal(node.head.text), ...node.templateSpans.map((span) => `.+?${literal(span.literal.text)}`)].join("");
    const raw = node.getText().slice(1, -1);
    return { raw, pattern: new RegExp(`^${source}$`, "s") };
  }
  return null;
}

/**
 * Every test title declared in a vitest or Playwright source: `it(…)`, `test(…)`, their
 * modifiers, `it.each(table)(…)`, in string, template-literal and `each`-format form.
 * Describe blocks are not tests and are not listed.
 */
export function extractTestTitles(source: string, fileName = "file.test.ts"): TDeclaredTitle[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const titles: TDeclaredTitle[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = testCallee(node.expression);
      const first = node.arguments[0];
      const title = callee && first ? declaredTitle(first, callee.each) : null;
      if (title) titles.push(title);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return titles;
}

/** Whether a cited title names a declared one: exactly, or as a run-time title of a template or `each`. */
export function titleMatches(declared: TDeclaredTitle, cited: string): boolean {
  return declared.raw === cited || (declared.pattern?.test(cited) ?? false);
}

/** Every well-formed reference in a Markdown document, with its line number (1-based). */
export function extractReferences(markdown: string): TReference[] {
  const references: TReference[] = [];
  markdown.split("\n").forEach((text, index) => {
    for (const match of text.matchAll(REFERENCE)) {
      references.push({ file: match[1] ?? "", title: match[2] ?? "", line: index + 1 });
    }
  });
  return references;
}

/** Lines where a › is not part of a well-formed reference (curly quotes, a missing path, …). */
export function findMalformedReferences(markdown: string): string[] {
  const problems: string[] = [];
  markdown.split("\n").forEach((text, index) => {
    const rest = text.replace(REFERENCE, "");
    if (rest.includes("›")) problems.push(`line ${index + 1}: ${text.trim()}`);
  });
  return problems;
}

/**
 * Checks references against the files under `root`: the file must exist inside the
 * repository and declare a test with the cited title. Returns the references that fail.
 */
export function checkReferences(references: TReference[], root: string): TBrokenReference[] {
  const cache = new Map<string, TDeclaredTitle[] | null>();
  const titlesOf = (file: string) => {
    if (!cache.has(file)) {
      const full = path.resolve(root, file);
      const inside = full.startsWith(`${path.resolve(root)}${path.sep}`);
      cache.set(file, inside && fs.existsSync(full) ? extractTestTitles(fs.readFileSync(full, "utf8"), full) : null);
    }
    return cache.get(file) ?? null;
  };
  const broken: TBrokenReference[] = [];
  for (const reference of references) {
    const titles = titlesOf(reference.file);
    if (titles === null) broken.push({ ...reference, problem: "no such test file" });
    else if (!titles.some((title) => titleMatches(title, reference.title))) broken.push({ ...reference, problem: "no test with this title" });
  }
  return broken;
}

/** Splits a Markdown table row into its cells (a `\|` stays inside its cell). */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

export type TTableRow = { line: number; cells: string[] };

/**
 * The table under the `## <heading>` section: its header cells and body rows. Null when
 * the section or its table is missing.
 */
export function readSectionTable(markdown: string, heading: string): { header: string[]; rows: TTableRow[] } | null {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) return null;
  const end = lines.findIndex((line, index) => index > start && /^#{1,2} /.test(line));
  const section = lines.slice(start + 1, end < 0 ? undefined : end).map((text, index) => ({ text, line: start + 2 + index }));
  const table = section.filter(({ text }) => text.trim().startsWith("|"));
  const [header, separator, ...body] = table;
  if (!header || !separator || !/^\|?\s*:?-{3,}/.test(separator.text.trim())) return null;
  return { header: cells(header.text), rows: body.map(({ text, line }) => ({ line, cells: cells(text) })) };
}
