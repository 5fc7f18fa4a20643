// A browser without JavaScript, reduced to what the no-JS tests need: read a page's POST
// form (its hidden inputs included, as React renders them for a server action) and submit
// it as multipart form data, the way a browser does.

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The hidden inputs of the first POST form on the page. Throws when there is none. */
export function hiddenInputsOfPostForm(html: string): [string, string][] {
  const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html) ?? /<form[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form?.[1]) throw new Error("no form on the page");
  const inputs: [string, string][] = [];
  for (const match of form[1].matchAll(/<input([^>]*)type="hidden"([^>]*)\/?>/g)) {
    const attributes = `${match[1]} ${match[2]}`;
    const name = /name="([^"]*)"/.exec(attributes)?.[1];
    const value = /value="([^"]*)"/.exec(attributes)?.[1] ?? "";
    if (name) inputs.push([unescapeHtml(name), unescapeHtml(value)]);
  }
  return inputs;
}

/**
 * Submits the page's POST form with `fields` added, as a browser without JavaScript would:
 * to the formaction of the button pressed (the one whose value is the "intent" field's)
 * when it has one, else to `url`, following redirects as a browser does (a 307 repeats
 * the POST with the same body).
 */
export async function submitForm(
  url: string,
  html: string,
  fields: [string, string][],
  headers: Record<string, string> = {},
): Promise<{ status: number; html: string; url: string }> {
  const body = new FormData();
  for (const [name, value] of [...hiddenInputsOfPostForm(html), ...fields]) body.append(name, value);
  const pressed = fields.find(([name]) => name === "intent")?.[1];
  const buttonTarget = pressed === undefined ? null : formActionOfButton(html, pressed);
  const target = buttonTarget === null ? url : new URL(buttonTarget, url).href;
  // Encoded once, as a browser does: a redirect repeats these very bytes. (Handed a FormData,
  // fetch would encode it again for the redirect, with a new boundary under the old header.)
  // (A Blob, since fetch detaches a byte array it has sent.)
  const encoded = new Response(body);
  const contentType = encoded.headers.get("content-type") ?? "multipart/form-data";
  const bytes = new Blob([await encoded.arrayBuffer()], { type: contentType });
  const response = await fetch(target, { method: "POST", body: bytes, headers: { origin: new URL(url).origin, "content-type": contentType, ...headers } });
  return { status: response.status, html: await response.text(), url: response.url };
}

/**
 * Where a browser posts the page's form when the submit button with `value` is pressed:
 * the button's own formaction when it has one (decoded), else null (the form's action).
 */
export function formActionOfButton(html: string, value: string): string | null {
  for (const match of html.matchAll(/<button([^>]*)>/g)) {
    const attributes = match[1] ?? "";
    if (/\bvalue="([^"]*)"/.exec(attributes)?.[1] !== value) continue;
    const target = /\bformAction="([^"]*)"/i.exec(attributes)?.[1];
    return target === undefined ? null : unescapeHtml(target);
  }
  return null;
}
