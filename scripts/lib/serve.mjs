// One server process of `npm start`: Next.js's production request handler behind this
// process's own node:http server, which first offers each request to the routes served
// outside Next.js (app/(public)/_routes/outside-next.ts: only the no-JavaScript "send").
// It does what `next start` does with the same options: the same handler and environment,
// the idle keep-alive timeout, "Ready in" once listening, and on SIGINT or SIGTERM it
// stops taking connections, lets the requests in flight finish and closes their
// connections after them (for at most 10 s), and exits.
// Usage: node scripts/lib/serve.mjs <port> <host> <keep-alive timeout in ms>
// Plain JavaScript, started by scripts/start.ts directly or through serve-workers.mjs;
// the TypeScript route is loaded through tsx.
import http from "node:http";
import { register } from "node:module";

const startedAt = Date.now();
const [portArgument, host, keepAliveArgument] = process.argv.slice(2);
const port = Number(portArgument);
const keepAliveTimeout = Number(keepAliveArgument);
if (!Number.isInteger(port) || port < 0 || !host || !Number.isInteger(keepAliveTimeout) || keepAliveTimeout < 0) {
  console.error("serve: usage: serve.mjs <port> <host> <keep-alive timeout in ms>");
  process.exit(2);
}
// What `next start` sets before Next.js loads: the environment and runtime, and the origin
// and port Next.js forwards a server action to the page holding it through (without the
// origin it would build one from the request's X-Forwarded-Proto, https behind the TLS
// proxy, and fetch a plain-HTTP port with it).
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME = "nodejs";
process.env.PORT = String(port);
process.env.__NEXT_PRIVATE_ORIGIN = `http://${host === "0.0.0.0" ? "localhost" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host}:${port}`;
// The same title as `next start`'s processes: ps and the tests find the servers by it.
process.title = "next-server (tipline)";
// No tsx compile cache: it lives in a shared temporary folder whose file names follow from
// the (public) sources, so another account on the machine could plant code there for this
// process to run. Set before the first hook is registered: the hooks' thread copies the
// environment when it starts.
process.env.TSX_DISABLE_CACHE = "1";

register("./server-only-hook.mjs", import.meta.url);
const { register: registerTsx } = await import("tsx/esm/api");
registerTsx();
const { requestListener } = await import("../../app/(public)/_routes/outside-next.ts");
const { default: next } = await import("next");

const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
await app.prepare();
const server = http.createServer(requestListener(app.getRequestHandler()));
server.keepAliveTimeout = keepAliveTimeout;
server.on("error", (error) => {
  console.error(`serve: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => console.log(`Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)}s (server process ${process.pid}, http://${host}:${port})`));

// On SIGINT or SIGTERM: take no new connections, close the idle ones, answer every request
// still open with "Connection: close" where its headers are not out yet, close each
// keep-alive connection as soon as its answer is done, and exit once all are closed;
// after 10 s, close whatever is still open and exit anyway, so that a slow client cannot
// hold the stop.
const STOP_DEADLINE_MS = 10_000;
const open = new Set();
let stopping = false;
const closeWhenDone = (res) => res.once("finish", () => setImmediate(() => server.closeIdleConnections()));
// Runs after the request listener, whose work starts a microtask later: no header is out yet.
server.on("request", (_req, res) => {
  if (stopping) {
    res.setHeader("Connection", "close");
    return;
  }
  open.add(res);
  res.once("close", () => open.delete(res));
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const code = signal === "SIGINT" ? 130 : 143;
    for (const res of open) {
      if (!res.headersSent) res.setHeader("Connection", "close");
      closeWhenDone(res);
    }
    // close() also closes the connections idle at this moment (Node ≥ 19).
    server.close(() => app.close().finally(() => process.exit(code)));
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(code);
    }, STOP_DEADLINE_MS).unref();
  });
}
