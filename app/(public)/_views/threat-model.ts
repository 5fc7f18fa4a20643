import fs from "node:fs";
import path from "node:path";

/**
 * docs/THREAT-MODEL.md as plain text: what the line protects, against whom, its honest
 * limits, and the test that holds each protection. Written in English for reviewers.
 */
export function threatModelResponse(): Response {
  const text = fs.readFileSync(path.join(process.cwd(), "docs", "THREAT-MODEL.md"), "utf8");
  return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
