"use client";

import { useState } from "react";
import { assignTipAction } from "@/app/(operator)/operator/actions";
import type { TTranslate } from "@/lib/i18n/translate";
import { ErrorAlert } from "./form-parts";

/** Who has taken a tip on: any operator can assign it to a colleague, to themselves, or to nobody. */
export function TipAssignment({
  tipId,
  assignedOperatorId,
  colleagues,
  t,
  onAssigned,
}: {
  tipId: string;
  assignedOperatorId: string | null;
  colleagues: readonly { id: string; name: string }[];
  t: TTranslate;
  onAssigned: (operatorId: string | null) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [working, setWorking] = useState(false);

  async function assign(operatorId: string | null) {
    setWorking(true);
    setError(null);
    setSaved(false);
    try {
      const result = await assignTipAction({ tipId, operatorId });
      if (result.ok) {
        onAssigned(operatorId);
        setSaved(true);
      } else setError(result.error);
    } finally {
      setWorking(false);
    }
  }

  return (
    <div className="field">
      <label htmlFor="tip-assignee">{t("assign.label")}</label>
      <select id="tip-assignee" value={assignedOperatorId ?? ""} disabled={working} onChange={(event) => void assign(event.target.value || null)}>
        <option value="">{t("assign.nobody")}</option>
        {colleagues.map((colleague) => (
          <option key={colleague.id} value={colleague.id}>
            {colleague.name}
          </option>
        ))}
      </select>
      {saved ? (
        <p className="hint" role="status" data-testid="assign-saved">
          {t("assign.saved")}
        </p>
      ) : null}
      <ErrorAlert error={error} t={t} />
    </div>
  );
}
