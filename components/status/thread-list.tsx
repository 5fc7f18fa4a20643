import type { TTranslate } from "@/lib/i18n/translate";

export type TThreadItem = { id: string; author: "desk" | "reporter"; createdOn: string; text: string };

/** The conversation as the reporter reads it: questions from the desk and their own messages, by day. */
export function ThreadList({ items, t }: { items: readonly TThreadItem[]; t: TTranslate }) {
  if (items.length === 0) return <p>{t("status.emptyThread")}</p>;
  return (
    <ol className="thread" data-testid="thread">
      {items.map((item) => (
        <li key={item.id} className={item.author === "desk" ? "thread__item thread__item--desk" : "thread__item"}>
          <p className="thread__meta">
            <strong>{item.author === "desk" ? t("status.fromDesk") : t("status.fromYou")}</strong> {t("status.on", { day: item.createdOn })}
          </p>
          <p className="thread__text">{item.text}</p>
        </li>
      ))}
    </ol>
  );
}
