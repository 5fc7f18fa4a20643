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

/** Submits the page's POST form with `fields` added, as a browser without JavaScript would. */
export async function submitForm(
  url: string,
  html: string,
  fields: [string, string][],
  headers: Record<string, string> = {},
): Promise<{ status: number; html: string }> {
  const body = new FormData();
  for (const [name, value] of [...hiddenInputsOfPostForm(html), ...fields]) body.append(name, value);
  const response = await fetch(url, { method: "POST", body, headers: { origin: new URL(url).origin, ...headers } });
  return { status: response.status, html: await response.text() };
}
