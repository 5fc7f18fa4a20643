import "server-only";
import { getEnv } from "@/lib/env";

export type TOrganisation = { name: string; phone: string | null; isDemo: boolean; quickExitUrl: string };

/**
 * The organisation's name, phone number and quick-exit target: configuration, not code.
 * Without a configured name the installation presents itself as a demo.
 */
export function getOrganisation(): TOrganisation {
  const env = getEnv();
  return {
    name: env.TIPLINE_ORGANISATION_NAME ?? "Demo-meldlijn",
    phone: env.TIPLINE_ORGANISATION_PHONE ?? null,
    isDemo: env.TIPLINE_ORGANISATION_NAME === undefined,
    quickExitUrl: env.TIPLINE_QUICK_EXIT_URL,
  };
}
