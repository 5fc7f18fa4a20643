// A passphrase for a command-line tool: from TIPLINE_POLICE_PASSPHRASE when set (scripts,
// tests), else typed on the terminal without echo.
import readline from "node:readline";

export async function askPassphrase(prompt: string, options: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = process.env.TIPLINE_POLICE_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error("No terminal to ask for the passphrase on: set TIPLINE_POLICE_PASSPHRASE.");
  const first = await readHidden(prompt);
  if (options.confirm && (await readHidden("Once more: ")) !== first) {
    console.error("The two passphrases differ.");
    process.exit(1);
  }
  return first;
}

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
      if (text.includes(prompt)) write.call(rl, prompt);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}
