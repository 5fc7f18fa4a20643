import "server-only";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/body-limit";
import { contentSecurityPolicy, declaredLength, isFromThisOrigin, messagePage, newNonce, NO_STORE, refusePost } from "@/lib/http/request-guards";
import { getMessages } from "@/lib/i18n/messages";
import { localePath, type TLocale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import { openPendingReceipt } from "@/lib/tips/pending-receipt";
import { fillReceiptPage, receiptPageTemplate } from "@/lib/tips/receipt-page";
import { readTipPayload } from "@/lib/tips/read-tip-payload";
import { sealAndStoreTip } from "@/lib/tips/seal-and-store-tip";
import { ZTip } from "@/lib/tips/tip-schema";

/**
 * What proxy.ts gives every other response: proxy.ts does not run for this route (its
 * matcher leaves it out: Next's detour through it cost a send about a fifth of its server
 * CPU under load, see the README), so the route sets the same policy and no-store on
 * every answer itself.
 */
function ownHeaders(pathname: string, nonce: string = newNonce()): Record<string, string> {
  return { "Content-Security-Policy": contentSecurityPolicy(nonce, pathname), "Cache-Control": NO_STORE };
}

function page(lang: TLocale, pathname: string, status: number, key: "crossSite" | "badRequest"): Response {
  const t = createTranslator(getMessages(lang).site);
  const nonce = newNonce();
  const html = messagePage({
    lang,
    nonce,
    title: t(`sendRoute.${key}.title`),
    alert: t(`sendRoute.${key}.body`),
    testId: "send-refused",
    link: { href: localePath(lang, "/melden"), label: t("sendRoute.back") },
  });
  return new Response(html, { status, headers: { ...ownHeaders(pathname, nonce), "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * Hands the post, body and all, to the report page, whose form action does everything
 * this route does not: field errors, an expired or forged pending receipt, a database
 * that is down, a line not yet set up. A 307 makes the browser repeat the same POST there;
 * the pending receipt in it makes a tip that did get stored count once.
 */
function toFormAction(lang: TLocale, pathname: string): Response {
  return new Response(null, { status: 307, headers: { ...ownHeaders(pathname), Location: localePath(lang, "/melden") } });
}

/**
 * POST /melden/verzenden (and /en/…): the no-JavaScript form's "send". The same work as
 * the form action's "send" (tipFormAction in app/(public)/_actions/melden.ts): validate
 * with the shared schema, take the code chosen at the review step, seal to the desk key
 * in memory, store, and only then answer with the receipt, but as a static page filled
 * in (lib/tips/receipt-page.ts) instead of a React render of the whole report page.
 * Whatever it does not handle itself goes to the form action unchanged.
 */
export async function sendTipWithoutJavaScript(request: Request, lang: TLocale): Promise<Response> {
  const { pathname } = new URL(request.url);
  // The body limits proxy.ts applies to every other POST, before a byte is read.
  const length = declaredLength(request.headers);
  if (length === null || length > SERVER_ACTION_BODY_LIMIT_BYTES) {
    const nonce = newNonce();
    return refusePost(request, nonce, contentSecurityPolicy(nonce, pathname), length === null ? "lengthRequired" : "tooLarge");
  }
  // Next's CSRF rule for actions (isFromThisOrigin); the refusal links to the form.
  if (!isFromThisOrigin(request.headers)) return page(lang, pathname, 403, "crossSite");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return page(lang, pathname, 400, "badRequest");
  }
  if (form.get("intent") !== "send") return toFormAction(lang, pathname);
  const parsed = ZTip.safeParse(readTipPayload(form.get("payload")));
  const code = openPendingReceipt(form.get("receipt"));
  if (!parsed.success || code === null) return toFormAction(lang, pathname);
  // Before the tip is stored: a page that cannot be had leaves the post to the action.
  const template = await receiptPageTemplate(lang);
  if (template === null) return toFormAction(lang, pathname);
  try {
    await sealAndStoreTip(parsed.data, "web", code);
  } catch (error) {
    // The action tries again with the same code, and tells the reporter if that fails too.
    console.error(`[tip] send without JavaScript handed to the form action: ${error instanceof Error ? error.name : "unknown error"}`);
    return toFormAction(lang, pathname);
  }
  return new Response(fillReceiptPage(template, code), { status: 200, headers: { ...ownHeaders(pathname), "Content-Type": "text/html; charset=utf-8" } });
}

/** A GET here (a bookmark, the history) is sent to the form. */
export function sendTipRouteGet(lang: TLocale): Response {
  return new Response(null, { status: 303, headers: { ...ownHeaders(localePath(lang, "/melden/verzenden")), Location: localePath(lang, "/melden") } });
}
