import "server-only";
import { generateToken, isPlausibleSealedMessage } from "@/lib/crypto";
import { updateTipStatus } from "@/lib/db/notes";
import { receivedDay } from "@/lib/tips/received-day";
import { canMoveTip, isTipStatus } from "./tip-status-workflow";

export type TChangeStatusResult = { ok: true } | { ok: false; error: "errors.transitionNotAllowed" | "errors.reasonRequired" | "errors.statusChanged" };

/**
 * Moves a tip along the workflow, recording the day (the reporter sees the new status and
 * that day). Closing needs a reason, sealed to the desk key in the operator's browser and
 * kept as an internal note. Fails, changing nothing, for a move the workflow does not
 * allow, a missing reason, or a tip another operator moved in the meantime.
 */
export async function changeTipStatus(input: { tipId: string; from: unknown; to: unknown; sealedReason?: Uint8Array }): Promise<TChangeStatusResult> {
  if (!isTipStatus(input.from) || !isTipStatus(input.to) || !canMoveTip(input.from, input.to)) return { ok: false, error: "errors.transitionNotAllowed" };
  const closing = input.to === "closed";
  if (closing && (!input.sealedReason || !isPlausibleSealedMessage(input.sealedReason))) return { ok: false, error: "errors.reasonRequired" };
  const moved = await updateTipStatus({
    tipId: input.tipId,
    from: input.from,
    to: input.to,
    day: receivedDay(),
    reason: closing && input.sealedReason ? { id: generateToken(16), sealed: input.sealedReason } : undefined,
  });
  return moved ? { ok: true } : { ok: false, error: "errors.statusChanged" };
}
