import { NextResponse, type NextRequest } from "next/server";

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
  requestHeaders.set("x-tipline-path", `${pathname.replace(/^\/en(?=\/|$)/, "") || "/"}${request.nextUrl.search}`);

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
