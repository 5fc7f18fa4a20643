"use server";

import { insertBlob } from "./blob-store";

/** Called with JavaScript, as the tip form's browser-sealed path calls its action. */
export async function insertBlobAction(input: { blob?: unknown }): Promise<{ ok: boolean }> {
  if (typeof input?.blob !== "string") return { ok: false };
  await insertBlob(Buffer.from(input.blob, "base64url"));
  return { ok: true };
}

/** Posted by a plain HTML form (no JavaScript); Next re-renders the page after it. */
export async function insertBlobFormAction(formData: FormData): Promise<void> {
  const blob = formData.get("blob");
  if (typeof blob === "string") await insertBlob(Buffer.from(blob, "base64url"));
}
