// A stand-in for `next/headers` in suites that call server actions in-process: cookies live
// in the suite's own jar (a Map, from vi.hoisted), request headers come from `headers`,
// with a Cookie header made from the jar when `headers` gives none, as a browser sends it.
// Use: vi.mock("next/headers", async () => (await import("../support/next-headers")).nextHeadersWithCookieJar(cookieJar));
export function nextHeadersWithCookieJar(jar: Map<string, string>, headers: () => Headers = () => new Headers()) {
  return {
    cookies: async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (options: string | { name: string }) => void jar.delete(typeof options === "string" ? options : options.name),
    }),
    headers: async () => {
      const request = headers();
      if (!request.has("cookie") && jar.size > 0) request.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
      return request;
    },
  };
}
