import { NextResponse, type NextRequest } from "next/server";
import { SERVER_ACTION_BODY_LIMIT_BYTES, SERVER_ACTION_BODY_LIMIT_KIB } from "@/lib/body-limit";
import { localePath, splitLocalePath } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";

// Routes whose pages run libsodium (WebAssembly) in the browser.
const WASM_ROUTES = [/^\/(en\/)?melden(\/|$)/, /^\/(en\/)?status(\/|$)/, /^\/operator(\/|$)/];

function contentSecurityPolicy(nonce: string, pathname: string): string {
  const wasm = WASM_ROUTES.some((route) => route.test(pathname)) ? " 'wasm-unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${wasm}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join("; ");
}

/**
 * The answer to a POST whose declared body is over the server-action limit, before Next
 * reads it: Next itself would refuse it only as a bare 500 "Internal Server Error" (its
 * action handler has the 413 as a TODO), which tells a reporter without JavaScript
 * nothing. A no-JavaScript form post gets a page in the path's language saying what
 * happened (nothing was stored) and what to do; a JavaScript action call, whose client
 * cannot show a page, a short plain-text 413. A body sent without a length (chunked, no
 * browser does that for a form) still meets Next's own limit.
 */
function tooLarge(request: NextRequest, nonce: string, csp: string): NextResponse {
  const headers = { "Content-Security-Policy": csp, "Cache-Control": "no-store, max-age=0" };
  if (request.headers.has("next-action")) {
    return new NextResponse(`Request body too large: the limit is ${SERVER_ACTION_BODY_LIMIT_KIB} KiB. Nothing was stored.`, {
      status: 413,
      headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const lang = splitLocalePath(request.nextUrl.pathname).locale;
  const t = createTranslator(getMessages(lang).site);
  const page = [
    "<!DOCTYPE html>",
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">`,
    `<title>${t("tooLarge.title")}</title>`,
    `<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>`,
    `<body><main><h1>${t("tooLarge.title")}</h1>`,
    `<p role="alert" data-testid="too-large">${t("tooLarge.body", { limit: SERVER_ACTION_BODY_LIMIT_KIB })}</p>`,
    `<p>${t("tooLarge.action")}</p>`,
    `<p><a href="${localePath(lang, "/")}">${t("tooLarge.home")}</a></p></main></body></html>`,
  ].join("");
  return new NextResponse(page, { status: 413, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/** The body length a request declares, or null when it declares none (or nonsense). */
function declaredLength(request: NextRequest): number | null {
  const value = request.headers.get("content-length");
  return value !== null && /^\d{1,15}$/.test(value.trim()) ? Number(value) : null;
}

/**
 * Runs before every page: a fresh CSP nonce per request and no caching of pages. The
 * language is the route itself (Dutch at the root, English under /en: app/(public)/(nl)
 * and app/(public)/en), so nothing is rewritten: a rewrite would send every request,
 * server-action posts included, through the router twice. It reads no address and no
 * user agent and sets no cookie.
 */
export function proxy(request: NextRequest) {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const nonce = btoa(String.fromCharCode(...bytes));
  const { pathname } = request.nextUrl;
  const csp = contentSecurityPolicy(nonce, pathname);
  if (request.method === "POST" && (declaredLength(request) ?? 0) > SERVER_ACTION_BODY_LIMIT_BYTES) return tooLarge(request, nonce, csp);

  const requestHeaders = new Headers(request.headers);
  // With Referrer-Policy: no-referrer a browser sends "Origin: null" on a form POST, which
  // Next's server-action CSRF check refuses: the no-JavaScript form would never submit.
  // Sec-Fetch-Site is set by the browser alone (pages cannot forge it), so a null origin
  // on a same-origin request is this origin.
  if (request.method === "POST" && request.headers.get("origin") === "null" && request.headers.get("sec-fetch-site") === "same-origin") {
    // Next compares the origin with X-Forwarded-Host first (set by a reverse proxy), then Host.
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
    requestHeaders.set("origin", `${request.nextUrl.protocol}//${host}`);
  }
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // The page's path without its language prefix, for the language switch.
  requestHeaders.set("x-tipline-path", `${splitLocalePath(pathname).path}${request.nextUrl.search}`);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", "no-store, max-age=0");
  return response;
}

export const config = {
  matcher: [
    // Everything but static build output and the favicon; prefetches get a policy too.
    "/((?!_next/static|_next/image|favicon.ico|robots.txt).*)",
  ],
};
