import type { InputHTMLAttributes } from "react";

/**
 * How the section renderer connects an input to its form: react-hook-form's `register`
 * with JavaScript, a plain `name` and `defaultValue` without. The same markup results.
 */
export type TFieldBinder = {
  input(path: string): InputHTMLAttributes<HTMLInputElement> & { name: string };
  textarea(path: string): { name: string; defaultValue?: string } & Record<string, unknown>;
  choice(path: string, value: string): InputHTMLAttributes<HTMLInputElement> & { name: string };
  /** How many slots a list shows now. */
  count(path: string, max: number): number;
  /** Adds a slot (JavaScript only); null without JavaScript, where spare slots are shown instead. */
  add: ((path: string, max: number) => void) | null;
  error(path: string): string | undefined;
};

/** Reads `a.b.0.c` out of a nested object; undefined when any step is missing. */
export function getPath(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
