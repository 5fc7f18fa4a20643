import type { AnchorHTMLAttributes } from "react";

/**
 * A link to a page that runs libsodium (the form, the status page). It is a full page
 * load, not a client-side navigation: a document keeps the Content-Security-Policy it was
 * loaded with, and only these pages' policy allows WebAssembly ('wasm-unsafe-eval').
 */
export function CryptoPageLink(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} />;
}
