// bench/bare-action is built with Turbopack rooted at the repository (for its
// node_modules), and Turbopack then takes the repository's own root convention files for
// the bare app unless the app has its own: the tip line's proxy.ts (whose "@/…" imports
// the bare app cannot resolve) broke `npm run bench` on a fresh clone that way. Every
// convention file at the root needs its shadow in the bare app.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const BARE = path.join(ROOT, "bench", "bare-action");
const CONVENTION_FILES = ["", "src/"].flatMap((folder) =>
  ["proxy", "middleware", "instrumentation", "instrumentation-client"].flatMap((name) => ["ts", "tsx", "js", "mjs"].map((extension) => `${folder}${name}.${extension}`)),
);

describe("bench/bare-action", () => {
  const atRoot = CONVENTION_FILES.filter((file) => fs.existsSync(path.join(ROOT, file)));

  it("sees the root's proxy and instrumentation (the list below is not empty by accident)", () => {
    expect(atRoot).toEqual(expect.arrayContaining(["proxy.ts", "instrumentation.ts"]));
  });

  it("has its own copy of every convention file the repository has at its root", () => {
    expect(atRoot.filter((file) => !fs.existsSync(path.join(BARE, file)))).toEqual([]);
  });

  it("its proxy runs on no path, and imports nothing of the tip line's", () => {
    const source = fs.readFileSync(path.join(BARE, "proxy.ts"), "utf8");
    expect(source).not.toMatch(/from\s+["']@\//);
    const matcher = /matcher:\s*\[([^\]]*)\]/.exec(source)?.[1] ?? "";
    expect(matcher).toMatch(/^\s*"\/__[a-z-]+__"\s*$/);
  });
});
