// `npm run setup-link`: a fresh one-time setup link while no operator exists.
import { loadScriptEnv } from "./lib/load-script-env";

const { env } = await loadScriptEnv();
const { issueSetupLink } = await import("@/lib/setup/issue-setup-link");
const link = await issueSetupLink(env.TIPLINE_PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`);
console.log(link ?? "An operator already exists: setup is closed.");
process.exit(0);
