// A module resolution hook for scripts/lib/serve.mjs: "server-only" resolves to its empty
// module, as it does under Next.js's and tsx's "react-server" condition. The server's own
// process runs without that condition, which would change how Next.js itself resolves.
const EMPTY = new URL("../../node_modules/server-only/empty.js", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: EMPTY, shortCircuit: true };
  return nextResolve(specifier, context);
}
