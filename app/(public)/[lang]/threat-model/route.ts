import fs from "node:fs";
import path from "node:path";
import { isLocale } from "@/lib/i18n/locales";

/**
 * docs/THREAT-MODEL.md as plain text: what the line protects, against whom, its honest
 * limits, and the test that holds each protection. Written in English for reviewers.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ lang: string }> }) {
  if (!isLocale((await params).lang)) return new Response("Not found", { status: 404 });
  const text = fs.readFileSync(path.join(process.cwd(), "docs", "THREAT-MODEL.md"), "utf8");
  return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
