import { SetupForm } from "@/components/operator/setup-form";
import { getMessages } from "@/lib/i18n/messages";
import { resolveOperatorLocale } from "@/lib/i18n/resolve-operator-locale";

export default async function InvitePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = resolveOperatorLocale(await searchParams);
  return <SetupForm messages={getMessages(locale).operator} mode="invite" />;
}
