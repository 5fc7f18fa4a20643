import { OperatorApp } from "@/components/operator/operator-app";
import { getMessages } from "@/lib/i18n/messages";
import { resolveOperatorLocale } from "@/lib/i18n/resolve-operator-locale";

export default async function OperatorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = resolveOperatorLocale(await searchParams);
  const messages = getMessages(locale);
  return <OperatorApp operatorMessages={messages.operator} tipMessages={messages.tip} />;
}
