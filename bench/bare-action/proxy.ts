// Turbopack, rooted at the repository for its node_modules, would otherwise take the tip
// line's own proxy.ts (which imports the tip line's modules) for this app. A bare Next.js
// app has no proxy: this one matches no path, so no request runs it.
import { NextResponse } from "next/server";

export function proxy(): NextResponse {
  return NextResponse.next();
}

export const config = { matcher: ["/__bare-action-has-no-proxy__"] };
