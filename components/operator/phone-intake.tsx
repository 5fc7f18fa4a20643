"use client";

import type { TMessageTree, TTranslate } from "@/lib/i18n/translate";

/** Placeholder mount point for phone intake (being built). */
export function PhoneIntake({ t }: { deskPublicKey: string | null; tipMessages: TMessageTree; t: TTranslate; onDone: () => void }) {
  return <p>{t("phone.start")}</p>;
}
