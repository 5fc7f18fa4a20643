import { headers } from "next/headers";
import { TipForm } from "@/components/tip/tip-form";
import type { TLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";
import { deskKeyForForm } from "@/lib/tips/desk-key-for-form";
import { isReceiptTemplateRequest, RECEIPT_TEMPLATE_CODE, RECEIPT_TEMPLATE_HEADER } from "@/lib/tips/receipt-page";

/** The guided form; `over` (adult or minor) is the home page's shortcut into the first step. */
export async function ReportPage({ lang, over }: { lang: TLocale; over: string | string[] | undefined }) {
  const messages = getMessages(lang);
  const initialSubject = over === "adult" || over === "minor" ? over : null;
  // The server's own request for the receipt page of the no-JavaScript send route
  // (lib/tips/receipt-page.ts): the form in its "done" state, at the same place in the tree.
  if (isReceiptTemplateRequest((await headers()).get(RECEIPT_TEMPLATE_HEADER))) {
    return (
      <>
        {null}
        <TipForm lang={lang} messages={messages.tip} deskPublicKey="" initialSubject={null} receiptTemplateCode={RECEIPT_TEMPLATE_CODE} />
      </>
    );
  }
  const desk = await deskKeyForForm();
  if (desk.state === "not-set-up") {
    return <p className="callout callout--warn">{createTranslator(messages.site)("setupNeeded")}</p>;
  }
  const unavailable =
    desk.state === "unavailable" ? (
      <p className="callout callout--warn" role="alert" data-testid="unavailable">
        {createTranslator(messages.site)("unavailable")}
      </p>
    ) : null;
  const deskPublicKey = desk.state === "ready" ? desk.publicKey : desk.lastKnownPublicKey;
  // The database is unreachable (a restart, an outage) and this process has never read the
  // desk key: say so plainly, instead of an error page.
  if (deskPublicKey === null) return unavailable;
  // Otherwise the form stays, under the warning while the database is unreachable, with
  // whatever the reporter typed. The two keep their places in the tree in every case:
  // React hands a no-JavaScript post's result back to the form by its position, and a
  // form that moved would come back empty.
  return (
    <>
      {unavailable}
      <TipForm lang={lang} messages={messages.tip} deskPublicKey={deskPublicKey} initialSubject={initialSubject} />
    </>
  );
}
