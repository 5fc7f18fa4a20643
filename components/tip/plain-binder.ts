import { getPath, type TFieldBinder } from "./field-binder";

/** Spare empty slots a list shows without JavaScript, where no "add" button can work. */
const SPARE_SLOTS = 1;
const MIN_SLOTS: Record<string, number> = {
  "adult.ads": 2,
  "adult.plates": 2,
  "minor.phones": 2,
  suspects: 2,
  "suspects.phones": 2,
  "suspects.vehicles": 2,
};

/** Binds inputs to a plain HTML form (no JavaScript): names, default values, errors. */
export function createPlainBinder(values: unknown, errors: Record<string, string>): TFieldBinder {
  const text = (path: string) => {
    const value = getPath(values, path);
    return typeof value === "string" ? value : "";
  };
  return {
    input: (path) => ({ name: path, defaultValue: text(path) }),
    textarea: (path) => ({ name: path, defaultValue: text(path) }),
    choice: (path, value) => {
      const current = getPath(values, path);
      const checked = Array.isArray(current) ? current.includes(value) : current === value;
      return { name: path, value, defaultChecked: checked };
    },
    count: (path, max) => {
      const current = getPath(values, path);
      const filled = Array.isArray(current) ? current.length : 0;
      const generic = path.replace(/\.\d+\./g, ".");
      return Math.min(max, Math.max(filled + SPARE_SLOTS, MIN_SLOTS[generic] ?? 1));
    },
    add: null,
    error: (path) => errors[path],
  };
}
