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
 * The answer to a POST whose body Next must not read: one that declares a length over the
 * server-action limit (413), or one that declares no length at all (411: a chunked body,
 * whose size is known only once it has been read). Next itself would refuse the first,
 * and a chunked body over the limit, only as a bare 500 "Internal Server Error" (its
 * action handler has the 413 as a TODO), which tells a reporter without JavaScript
 * nothing. Browsers always declare the length of a form or fetch body, and so does a
 * reverse proxy that buffers request bodies (nginx's default): the 411 costs no real
 * reporter anything. A no-JavaScript form post gets a page in the path's language saying
 * what happened (nothing was stored) and what to do; a JavaScript action call, whose
 * client cannot show a page, a short plain-text answer.
 */
function refuseBody(request: NextRequest, nonce: string, csp: string, reason: "tooLarge" | "lengthRequired"): NextResponse {
  const status = reason === "tooLarge" ? 413 : 411;
  const headers = { "Content-Security-Policy": csp, "Cache-Control": "no-store, max-age=0" };
  if (request.headers.has("next-action")) {
    const text =
      reason === "tooLarge"
        ? `Request body too large: the limit is ${SERVER_ACTION_BODY_LIMIT_KIB} KiB. Nothing was stored.`
        : "Length required: send the body with a Content-Length header. Nothing was stored.";
    return new NextResponse(text, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  }
  const lang = splitLocalePath(request.nextUrl.pathname).locale;
  const t = createTranslator(getMessages(lang).site);
  const page = [
    "<!DOCTYPE html>",
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">`,
    `<title>${t(`${reason}.title`)}</title>`,
    `<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>`,
    `<body><main><h1>${t(`${reason}.title`)}</h1>`,
    `<p role="alert" data-testid="${reason === "tooLarge" ? "too-large" : "length-required"}">${t(`${reason}.body`, { limit: SERVER_ACTION_BODY_LIMIT_KIB })}</p>`,
    `<p>${t(`${reason}.action`)}</p>`,
    `<p><a href="${localePath(lang, "/")}">${t("tooLarge.home")}</a></p></main></body></html>`,
  ].join("");
  return new NextResponse(page, { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
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
  if (request.method === "POST") {
    const length = declaredLength(request);
    if (length !== null && length > SERVER_ACTION_BODY_LIMIT_BYTES) return refuseBody(request, nonce, csp, "tooLarge");
    // Next forwards an action posted to a page that does not hold it to itself, with the
    // body streamed (chunked) and marked x-action-forwarded: that request keeps Next's own
    // limit, since refusing it would abort the forwarding mid-stream. A client that forges
    // the mark gets what every chunked body got before this check: Next's limit.
    if (length === null && request.headers.has("transfer-encoding") && !request.headers.has("x-action-forwarded")) {
      return refuseBody(request, nonce, csp, "lengthRequired");
    }
  }

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
