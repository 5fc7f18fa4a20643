import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getMessages } from "@/lib/i18n/messages";
import "../../globals.css";

export const metadata: Metadata = {
  title: getMessages("nl").operator.title,
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

/** The operators' zone: authenticated, keys only in the tab's memory. */
export default function OperatorLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="nl">
      <body>
        <main id="content" className="site-main">
          {children}
        </main>
      </body>
    </html>
  );
}
