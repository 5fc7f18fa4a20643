import type { TTranslate } from "./translate";

/**
 * A translator that reads each key first under `prefix` in `overlay`, and falls back to
 * `base` where the overlay has no text: one form serving two audiences (the reporter's tip
 * form, typed up by an operator during a call) gets its own wording only where the
 * reporter's does not fit. Relies on a translator returning a missing key as the key
 * itself; it never throws.
 */
export function overlayTranslator(base: TTranslate, overlay: TTranslate, prefix: string): TTranslate {
  return (key, values) => {
    const overlayKey = `${prefix}.${key}`;
    const text = overlay(overlayKey, values);
    return text === overlayKey ? base(key, values) : text;
  };
}
