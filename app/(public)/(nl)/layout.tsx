import type { ReactNode } from "react";
import { PublicLayout, publicMetadata, publicViewport } from "../_views/public-layout";

// The reporter's zone in Dutch, at the root (no rewrite: the URL is the route).
// Every page carries a fresh CSP nonce, so none may be prerendered.
export const dynamic = "force-dynamic";
export const metadata = publicMetadata("nl");
export const viewport = publicViewport;

export default function DutchLayout({ children }: { children: ReactNode }) {
  return <PublicLayout lang="nl">{children}</PublicLayout>;
}
