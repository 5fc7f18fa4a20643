// Runs once when a server instance starts: a bad environment fails here, naming the key,
// instead of on a reporter's first submission.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getEnv } = await import("@/lib/env");
    getEnv();
  }
}
