/**
 * The headers every response carries, whoever answers it: next.config.ts gives them to
 * Next.js for every path, and the routes served outside Next.js
 * (app/(public)/_routes/outside-next.ts) add them to their own answers. No "server-only":
 * next.config.ts imports this.
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()" },
];
