export type TMessageTree = { readonly [key: string]: string | TMessageTree };
export type TTranslate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A translator over one message tree: `t("home.title")`, with `{name}` placeholders filled
 * from `values`. A missing key returns the key itself, so a gap is visible on the page and
 * caught by the key-parity test instead of crashing a reporter's form.
 */
export function createTranslator(messages: TMessageTree): TTranslate {
  return (key, values) => {
    let node: string | TMessageTree | undefined = messages;
    for (const part of key.split(".")) {
      if (node === undefined || typeof node === "string") return key;
      node = node[part];
    }
    if (typeof node !== "string") return key;
    if (!values) return node;
    return node.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
  };
}

/** True when `key` resolves to a string in `messages`. */
export function hasMessage(messages: TMessageTree, key: string): boolean {
  return createTranslator(messages)(key) !== key;
}
