"use client";

import { useCallback, useEffect, useState } from "react";
import { downloadPackageAction, listOutboxAction, setPoliceReferenceAction, type TOutboxView } from "@/app/(operator)/operator/actions";
import type { TTranslate } from "@/lib/i18n/translate";

/**
 * The outbox: every report forwarded to the police, with its day, the operator who sent it
 * and the police's reference. The packages are sealed to the police key: this tab can
 * download them but not open them.
 */
export function Outbox({ t }: { t: TTranslate }) {
  const [packages, setPackages] = useState<TOutboxView[] | null>(null);
  const [references, setReferences] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ error: boolean; key: string } | null>(null);

  const load = useCallback(async () => {
    const result = await listOutboxAction();
    if (!result.ok) return setMessage({ error: true, key: result.error });
    setPackages(result.packages);
    setReferences(Object.fromEntries(result.packages.map((entry) => [entry.id, entry.policeReference ?? ""])));
  }, []);

  useEffect(() => {
    // Loading the outbox is synchronising with the server, not derived state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  async function download(id: string) {
    const result = await downloadPackageAction(id);
    if (!result.ok) return setMessage({ error: true, key: result.error });
    const url = URL.createObjectURL(new Blob([result.contents], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = result.fileName;
    link.click();
    URL.revokeObjectURL(url);
  }

  async function saveReference(id: string) {
    const result = await setPoliceReferenceAction({ packageId: id, policeReference: references[id] ?? "" });
    setMessage(result.ok ? { error: false, key: "outbox.referenceSaved" } : { error: true, key: result.error });
    if (result.ok) await load();
  }

  return (
    <section>
      <h2>{t("outbox.title")}</h2>
      <p>{t("outbox.intro")}</p>
      {message ? (
        <p className={message.error ? "error" : "notice"} role={message.error ? "alert" : "status"}>
          {t(message.key)}
        </p>
      ) : null}
      {packages === null ? null : packages.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <table className="inbox" data-testid="outbox">
          <thead>
            <tr>
              <th scope="col">{t("outbox.day")}</th>
              <th scope="col">{t("outbox.operator")}</th>
              <th scope="col">{t("outbox.recipient")}</th>
              <th scope="col">{t("outbox.reference")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("outbox.download")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {packages.map((entry) => (
              <tr key={entry.id} data-testid="outbox-row">
                <td>{entry.createdOn}</td>
                <td>{entry.operatorName ?? "—"}</td>
                <td>{entry.policeKeyLabel}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`reference-${entry.id}`}>
                    {t("outbox.reference")}
                  </label>
                  <input
                    id={`reference-${entry.id}`}
                    value={references[entry.id] ?? ""}
                    maxLength={60}
                    onChange={(event) => setReferences((current) => ({ ...current, [entry.id]: event.target.value }))}
                  />{" "}
                  <button type="button" className="button button--small" onClick={() => void saveReference(entry.id)}>
                    {t("outbox.save")}
                  </button>
                </td>
                <td>
                  <button type="button" className="button" onClick={() => void download(entry.id)} data-testid="outbox-download">
                    {t("outbox.download")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
