// One server process of `npm start`: Next.js's production request handler behind this
// process's own node:http server, which first offers each request to the routes served
// outside Next.js (app/(public)/_routes/outside-next.ts: only the no-JavaScript "send").
// It does what `next start` does with the same options: NODE_ENV production, the same
// handler, the idle keep-alive timeout, "Ready in" once listening, and on SIGINT or
// SIGTERM it stops taking connections, lets the requests in flight finish, and exits.
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
process.env.NODE_ENV ??= "production";
// The same title as `next start`'s processes: ps and the tests find the servers by it.
process.title = "next-server (tipline)";

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

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // close() lets the requests in flight finish and closes idle connections (Node ≥ 19).
    server.close(() => {
      app.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  });
}
