// The threat model and the privacy promises are documents that make claims about tests
// and about the site. These tests keep the claims honest: every test the threat model
// cites exists under its exact title, every protection cites one, and the privacy page
// has both languages in the Markdown it can render.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSimpleMarkdown } from "@/lib/docs/parse-simple-markdown";
import { selectPrivacySection } from "@/lib/docs/select-privacy-section";
import {
  checkReferences,
  extractReferences,
  extractTestTitles,
  findMalformedReferences,
  readSectionTable,
  titleMatches,
} from "./test-references";

const ROOT = process.cwd();
const THREAT_MODEL = path.join(ROOT, "docs", "THREAT-MODEL.md");
const PRIVACY = path.join(ROOT, "docs", "PRIVACY.md");
const TABLE_HEADING = "Protections and the tests that hold them";

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
const threatModel = read(THREAT_MODEL);
const privacy = read(PRIVACY);

/** Problems of a protections table: rows whose test column cites no well-formed test. */
function rowsWithoutTest(markdown: string): string[] {
  const table = readSectionTable(markdown, TABLE_HEADING);
  if (!table) return ["no protections table"];
  const column = table.header.findIndex((cell) => /^tests?$/i.test(cell));
  if (column < 0) return ["the table has no Test column"];
  return table.rows
    .filter((row) => row.cells.length !== table.header.length || extractReferences(row.cells[column] ?? "").length === 0)
    .map((row) => `line ${row.line}: ${row.cells[0] ?? ""}`);
}

const describeBroken = (broken: ReturnType<typeof checkReferences>) =>
  broken.map((reference) => `line ${reference.line}: ${reference.file} › "${reference.title}" (${reference.problem})`);

describe("docs/THREAT-MODEL.md", () => {
  it("exists and has a protections table with a Test column", () => {
    expect(fs.existsSync(THREAT_MODEL), "docs/THREAT-MODEL.md is missing").toBe(true);
    const table = readSectionTable(threatModel, TABLE_HEADING);
    expect(table, `no table under "## ${TABLE_HEADING}"`).not.toBeNull();
    expect(table?.header.some((cell) => /^tests?$/i.test(cell))).toBe(true);
    expect(table?.rows.length ?? 0).toBeGreaterThanOrEqual(20);
  });

  it("gives every row of the protections table at least one test", () => {
    expect(rowsWithoutTest(threatModel)).toEqual([]);
  });

  it("cites every test as a file in backticks, ›, and the title in straight double quotes", () => {
    expect(findMalformedReferences(threatModel)).toEqual([]);
  });

  it("cites only test files that exist", () => {
    const missing = checkReferences(extractReferences(threatModel), ROOT).filter((reference) => reference.problem === "no such test file");
    expect(describeBroken(missing)).toEqual([]);
  });

  it("cites only tests whose exact title exists in the cited file", () => {
    const references = extractReferences(threatModel);
    expect(references.length).toBeGreaterThan(0);
    expect(describeBroken(checkReferences(references, ROOT))).toEqual([]);
  });

  it("keeps the sections that state the limits and what is not built", () => {
    for (const heading of ["## Assets", "## Adversaries", "## Honest limits (open)", "## Not built yet", "## Bad input"]) {
      expect(threatModel.split("\n"), heading).toContain(heading);
    }
  });
});

describe("the reference checker", () => {
  const source = [
    'describe("a block", () => {',
    '  it("plain title", () => {});',
    "  it('single-quoted title', () => {});",
    "  it.skip(`template ${1 + 1} title`, () => {});",
    '  it.each([["a", 1]])("each %s with %i", () => {});',
    '  test("a playwright test", async () => {});',
    '  test.describe.serial("not a test", () => {});',
    "});",
  ].join("\n");

  it("finds plain, single-quoted, template-literal and each titles, and skips describe blocks", () => {
    const titles = extractTestTitles(source);
    expect(titles.map((title) => title.raw)).toEqual([
      "plain title",
      "single-quoted title",
      "template ${1 + 1} title",
      "each %s with %i",
      "a playwright test",
    ]);
    const matches = (cited: string) => titles.some((title) => titleMatches(title, cited));
    expect(matches("template 2 title")).toBe(true);
    expect(matches("each a with 1")).toBe(true);
    expect(matches("plain")).toBe(false);
    expect(matches("not a test")).toBe(false);
  });

  it("flags a reference to a title that does not exist, and to a file that does not exist", () => {
    const document = [
      '`tests/unit/docs/threat-model.test.ts` › "cites only test files that exist"',
      '`tests/unit/docs/threat-model.test.ts` › "a test nobody wrote"',
      '`tests/unit/docs/no-such-file.test.ts` › "cites only test files that exist"',
      '`../outside.test.ts` › "anything"',
    ].join("\n");
    const broken = checkReferences(extractReferences(document), ROOT);
    expect(broken.map((reference) => [reference.line, reference.problem])).toEqual([
      [2, "no test with this title"],
      [3, "no such test file"],
      [4, "no such test file"],
    ]);
  });

  it("flags a table row without a test, and a reference written with curly quotes", () => {
    const document = [
      `## ${TABLE_HEADING}`,
      "",
      "| Protection | Holds against | Test |",
      "| --- | --- | --- |",
      '| Cited | Someone | `tests/unit/docs/threat-model.test.ts` › "cites only test files that exist" |',
      "| Not cited | Someone | (none yet) |",
      "| Curly | Someone | `tests/unit/docs/threat-model.test.ts` › “cites only test files that exist” |",
    ].join("\n");
    expect(rowsWithoutTest(document)).toEqual(["line 6: Not cited", "line 7: Curly"]);
    expect(findMalformedReferences(document)).toEqual([
      "line 7: | Curly | Someone | `tests/unit/docs/threat-model.test.ts` › “cites only test files that exist” |",
    ]);
  });
});

describe("docs/PRIVACY.md", () => {
  const lines = privacy.split("\n");
  const sections = { nl: selectPrivacySection(privacy, "nl") ?? "", en: selectPrivacySection(privacy, "en") ?? "" };
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

  it("has a Dutch and an English section, in that order, each starting on its own marker line", () => {
    expect(fs.existsSync(PRIVACY), "docs/PRIVACY.md is missing").toBe(true);
    const nl = lines.indexOf("<!-- lang:nl -->");
    const en = lines.indexOf("<!-- lang:en -->");
    expect(nl, "no line <!-- lang:nl -->").toBeGreaterThanOrEqual(0);
    expect(en, "no line <!-- lang:en -->").toBeGreaterThan(nl);
  });

  it("says something substantial in both languages, starting with a title", () => {
    for (const [lang, text] of Object.entries(sections)) {
      expect(words(text), lang).toBeGreaterThan(300);
      expect(text.startsWith("# "), `${lang} starts with a # title`).toBe(true);
      expect(text, lang).toContain("112");
      expect(text, lang).toContain("Tor Browser");
    }
  });

  it("uses only the Markdown the privacy page renders", () => {
    for (const [lang, text] of Object.entries(sections)) {
      expect(parseSimpleMarkdown(text).unsupported, lang).toEqual([]);
    }
  });

  it("gives both languages the same structure: headings, paragraphs and bullet points", () => {
    const shape = (text: string) =>
      parseSimpleMarkdown(text).blocks.map((block) => (block.kind === "list" ? `list of ${block.items.length}` : block.kind === "heading" ? `h${block.level}` : "p"));
    expect(shape(sections.en)).toEqual(shape(sections.nl));
  });
});
