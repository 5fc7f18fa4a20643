import "server-only";
import http from "node:http";
import { timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { localePath, type TLocale } from "@/lib/i18n/locales";
import { getServerKey } from "@/lib/server-keys";

/**
 * The receipt page of the no-JavaScript "send", without a React render per tip.
 *
 * The form's action renders the whole report page again after each post, which costs a
 * no-JavaScript send about as much CPU as its Argon2id, sealing and insert together.
 * Instead, the send button posts to a route (app/(public)/(nl)/melden/verzenden) that
 * does the same work and answers with this page: the report page as React renders it
 * in its "done" state, fetched once per process and language from the process's own
 * port with a placeholder code, then filled in per tip. The page is React's own output
 * (layout, header, quick exit, footer, stylesheet), so it cannot drift from the page the
 * action renders; tests/integration/send-without-javascript.test.ts compares the two.
 *
 * What is kept of React's page is static HTML: every script, script preload and nonce
 * is taken out, since the page is only ever shown to a browser that did not run the
 * form's JavaScript, and a page without scripts needs no nonce under the site's CSP.
 */

/** Never a real code: "U" is not in the receipt alphabet (Crockford's base32). */
export const RECEIPT_TEMPLATE_CODE = "UUUU-UUUU-UUUU-UUUU";
/** The header that asks the report page for the template; its value is a server key. */
export const RECEIPT_TEMPLATE_HEADER = "x-tipline-receipt-template";

const RECEIPT_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const FETCH_TIMEOUT_MS = 10_000;
// After a failed fetch the route hands every send to the form action for this long.
const RETRY_AFTER_MS = 30_000;

function templateToken(): string {
  return Buffer.from(getServerKey("receipt-template")).toString("base64url");
}

/** True when a request carries this deployment's template token (any instance's). */
export function isReceiptTemplateRequest(value: string | null): boolean {
  if (value === null) return false;
  const expected = Buffer.from(templateToken());
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * React's page reduced to static HTML, or null when it is not the page expected: the
 * placeholder exactly once, inside the receipt, and nothing left that runs.
 */
export function toStaticReceiptPage(html: string): string | null {
  let nested = false;
  const stripped = html
    // React escapes "<" inside its inline scripts: one that holds "<script" is not React's
    // (an unclosed script before it), and cutting it out would cut the page too.
    .replace(/<script\b[^>]*>([\s\S]*?)<\/script>/gi, (_script, inside: string) => {
      if (/<script\b/i.test(inside)) nested = true;
      return "";
    })
    .replace(/<link\b(?=[^>]*\brel="(?:preload|modulepreload)")(?=[^>]*\bas="script")[^>]*>/gi, "")
    .replace(/<link\b(?=[^>]*\brel="modulepreload")[^>]*>/gi, "")
    .replace(/\snonce="[^"]*"/gi, "");
  if (nested || /<script\b|<[^>]*\s(?:nonce|on[a-z]+)=|<[^>]*=\s*"\s*javascript:/i.test(stripped)) return null;
  if (stripped.split(RECEIPT_TEMPLATE_CODE).length !== 2) return null;
  if (!new RegExp(`data-testid="receipt-code"[^>]*>${RECEIPT_TEMPLATE_CODE}<`).test(stripped)) return null;
  if (!stripped.startsWith("<!DOCTYPE html>") || !stripped.trimEnd().endsWith("</html>")) return null;
  return stripped;
}

/** The page with `code` in it. Throws on anything that is not a receipt code. */
export function fillReceiptPage(template: string, code: string): string {
  if (!RECEIPT_CODE.test(code)) throw new Error("not a receipt code");
  return template.replace(RECEIPT_TEMPLATE_CODE, () => code);
}

/** Where this process listens, as seen from itself. */
function ownAddress(): { host: string; port: number } {
  const { PORT, TIPLINE_LISTEN_HOST } = getEnv();
  const host = TIPLINE_LISTEN_HOST === "0.0.0.0" ? "127.0.0.1" : TIPLINE_LISTEN_HOST === "::" ? "::1" : TIPLINE_LISTEN_HOST;
  return { host, port: PORT };
}

function fetchTemplate(lang: TLocale): Promise<string> {
  const { host, port } = ownAddress();
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host,
        port,
        path: localePath(lang, "/melden"),
        headers: { [RECEIPT_TEMPLATE_HEADER]: templateToken(), "accept-encoding": "identity" },
        timeout: FETCH_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          if (response.statusCode !== 200) return reject(new Error(`status ${response.statusCode}`));
          const page = toStaticReceiptPage(Buffer.concat(chunks).toString("utf8"));
          if (page === null) return reject(new Error("unexpected page"));
          resolve(page);
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

const templates = new Map<TLocale, Promise<string>>();
const failedAt = new Map<TLocale, number>();
const warned = new Set<TLocale>();

/**
 * The static receipt page in `lang`, fetched at its first use in this process and kept;
 * null while it cannot be had (then the route hands the post to the form action, which
 * renders the page itself). Nothing of a request or a tip goes into it.
 */
export async function receiptPageTemplate(lang: TLocale, now: number = Date.now()): Promise<string | null> {
  const failed = failedAt.get(lang);
  if (failed !== undefined && now - failed < RETRY_AFTER_MS) return null;
  let template = templates.get(lang);
  if (!template) {
    template = fetchTemplate(lang);
    templates.set(lang, template);
  }
  try {
    const page = await template;
    failedAt.delete(lang);
    return page;
  } catch (error) {
    if (templates.get(lang) === template) {
      templates.delete(lang);
      failedAt.set(lang, now);
    }
    if (!warned.has(lang)) {
      warned.add(lang);
      // The kind of failure only: no address, no page.
      const code = (error as { code?: unknown } | null)?.code;
      const kind = typeof code === "string" ? code : error instanceof Error ? error.message.slice(0, 40) : "unknown";
      console.warn(`[tip] receipt page template unavailable (${lang}): ${kind}; the form action renders receipts`);
    }
    return null;
  }
}
