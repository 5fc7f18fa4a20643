import enSite from "@/messages/en/site.json";
import enTip from "@/messages/en/tip.json";
import enOperator from "@/messages/en/operator.json";
import nlSite from "@/messages/nl/site.json";
import nlTip from "@/messages/nl/tip.json";
import nlOperator from "@/messages/nl/operator.json";
import type { TLocale } from "./locales";

const MESSAGES = {
  nl: { site: nlSite, tip: nlTip, operator: nlOperator },
  en: { site: enSite, tip: enTip, operator: enOperator },
} as const;

export type TMessages = (typeof MESSAGES)["nl"];
export type TNamespace = keyof TMessages;

/** Every message of `locale`, by namespace (site, tip, operator). */
export function getMessages(locale: TLocale): TMessages {
  return MESSAGES[locale] as TMessages;
}
