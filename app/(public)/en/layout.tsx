import type { ReactNode } from "react";
import { PublicLayout, publicMetadata, publicViewport } from "../_views/public-layout";

// The reporter's zone in English, under /en.
// Every page carries a fresh CSP nonce, so none may be prerendered.
export const dynamic = "force-dynamic";
export const metadata = publicMetadata("en");
export const viewport = publicViewport;

export default function EnglishLayout({ children }: { children: ReactNode }) {
  return <PublicLayout lang="en">{children}</PublicLayout>;
}
