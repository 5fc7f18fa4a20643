import "server-only";
import { getEnv } from "@/lib/env";

/** `name` is null for a demo installation: the site then shows its translated demo name. */
export type TOrganisation = { name: string | null; phone: string | null; isDemo: boolean; quickExitUrl: string };

/**
 * The organisation's name, phone number and quick-exit target: configuration, not code.
 * Without a configured name the installation presents itself as a demo.
 */
export function getOrganisation(): TOrganisation {
  const env = getEnv();
  return {
    name: env.TIPLINE_ORGANISATION_NAME ?? null,
    phone: env.TIPLINE_ORGANISATION_PHONE ?? null,
    isDemo: env.TIPLINE_ORGANISATION_NAME === undefined,
    quickExitUrl: env.TIPLINE_QUICK_EXIT_URL,
  };
}
