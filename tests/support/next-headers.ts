// A stand-in for `next/headers` in suites that call server actions in-process: cookies live
// in the suite's own jar (a Map, from vi.hoisted), request headers come from `headers`.
// Use: vi.mock("next/headers", async () => (await import("../support/next-headers")).nextHeadersWithCookieJar(cookieJar));
export function nextHeadersWithCookieJar(jar: Map<string, string>, headers: () => Headers = () => new Headers()) {
  return {
    cookies: async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (options: string | { name: string }) => void jar.delete(typeof options === "string" ? options : options.name),
    }),
    headers: async () => headers(),
  };
}
