/**
 * The largest server-action request body, in KiB, set once here for next.config.ts and
 * for the tests that probe it. A sealed tip is at most 64 KiB of padded plaintext (about
 * 88 KiB in base64url). A no-JavaScript "send" carries the tip's JSON twice (the form's
 * payload field and React's copy of the form state, escaped once more), so a 48 KiB tip
 * heavy in quotes needs well over 160 KiB: 512 KiB leaves room for that worst case.
 * Anything larger is refused by proxy.ts (and by the no-JavaScript send route, which the
 * proxy leaves out) before our code runs or Next reads it: a 413 with
 * a clear message. A body that declares no length (chunked) gets a 411, whatever its size:
 * its size is known only once read, and Next's own limit answers a bare 500.
 */
export const SERVER_ACTION_BODY_LIMIT_KIB = 512;

/** The same limit in bytes: larger bodies are answered 413 by proxy.ts (see there). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = SERVER_ACTION_BODY_LIMIT_KIB * 1024;

/**
 * How much of a POST body Next copies for proxy.ts (next.config.ts,
 * `proxyClientMaxBodySize`): 1 MiB over the action limit, because Next cuts a longer body
 * at the last whole piece (at most 64 KiB) under this and passes that on as if complete.
 * A cut body is then still over the action limit, and refused.
 */
export const PROXY_BODY_COPY_LIMIT_BYTES = SERVER_ACTION_BODY_LIMIT_BYTES + 1024 * 1024;
