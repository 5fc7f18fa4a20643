import { PASSPHRASE_MIN_LENGTH } from "./validation";

/**
 * Below this many estimated guesses (zxcvbn's log10) a passphrase counts as common: on the
 * password lists, a dictionary word with digits, a keyboard walk, a name with a year. 10^10
 * guesses at the operator KDF's cost (Argon2id, 64 MiB) is years for one attacker's machine.
 */
export const MIN_PASSPHRASE_GUESSES_LOG10 = 10;

export type TPassphraseVerdict = { ok: true } | { ok: false; error: "errors.passphraseTooShort" | "errors.passphraseCommon" };

let checker: Promise<(passphrase: string, userInputs: string[]) => Promise<number>> | null = null;

// The dictionaries (common passwords, Dutch and English words and names) are large: loaded
// only when a passphrase is checked, on the setup and invitation pages.
function loadChecker() {
  checker ??= (async () => {
    // CommonJS packages: a bundler gives named exports, Node's ESM loader only `default`.
    const cjs = <T extends object>(module: T): T => ("default" in module && module.default && typeof module.default === "object" ? (module.default as T) : module);
    const [core, common, nl, en] = (await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-nl-be"),
      import("@zxcvbn-ts/language-en"),
    ])).map(cjs) as unknown as [typeof import("@zxcvbn-ts/core"), typeof import("@zxcvbn-ts/language-common"), typeof import("@zxcvbn-ts/language-nl-be"), typeof import("@zxcvbn-ts/language-en")];
    const { ZxcvbnFactory } = core;
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...nl.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
    });
    return async (passphrase: string, userInputs: string[]) => (await zxcvbn.checkAsync(passphrase, userInputs)).guessesLog10;
  })();
  return checker;
}

/**
 * Refuses a passphrase shorter than 12 characters or one that is common or guessable
 * (zxcvbn: password lists, dictionaries, patterns, the operator's own name). Runs in the
 * browser, where the passphrase stays: the server never sees it, so it cannot check it.
 */
export async function checkPassphrase(passphrase: string, userInputs: string[] = []): Promise<TPassphraseVerdict> {
  if (passphrase.length < PASSPHRASE_MIN_LENGTH) return { ok: false, error: "errors.passphraseTooShort" };
  const guessesLog10 = await (await loadChecker())(passphrase, [...userInputs, "tipline", "meldlijn", "meldpunt"]);
  return guessesLog10 < MIN_PASSPHRASE_GUESSES_LOG10 ? { ok: false, error: "errors.passphraseCommon" } : { ok: true };
}
