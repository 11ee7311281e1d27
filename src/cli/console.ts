import { createInterface } from "node:readline";
import type { Engine } from "../engine/index.js";
import { answerText } from "../render/index.js";

/** A line that starts a pasted response rather than a query: a bracket, a fence, HTTP headers. */
const PASTE_START = /^\s*([{[<]|```|HTTP\/|[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9-]+:\s|(Date|Server):\s)/;

/** Bracket depth of a text, ignoring brackets inside strings: 0 when a JSON paste is complete. */
function openBrackets(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"') quote = ch;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") depth--;
  }
  return depth;
}

/**
 * The interactive console: type a query and press Enter, or paste a response and
 * finish it with an empty line (a complete JSON paste finishes by itself).
 */
export async function runConsole(
  engine: Engine,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
  banner: string,
): Promise<void> {
  const write = (text: string) => io.output.write(text);
  const interactive = "isTTY" in io.input && io.input.isTTY === true;
  const rl = createInterface({ input: io.input, terminal: false });
  write(banner);
  const prompt = () => {
    if (interactive) write("loyalty-code> ");
  };
  prompt();
  let paste: string[] | null = null;
  const answer = (text: string) => {
    try {
      write(answerText(engine.answer(text)) + "\n");
    } catch (error) {
      write(`Sorry, something went wrong answering that: ${String(error)}\n`);
    }
  };
  for await (const line of rl) {
    if (paste) {
      if (line.trim() === "") {
        answer(paste.join("\n"));
        paste = null;
        prompt();
        continue;
      }
      paste.push(line);
      const text = paste.join("\n");
      if (/^\s*[{[]/.test(text) && openBrackets(text) <= 0) {
        answer(text);
        paste = null;
        prompt();
      }
      continue;
    }
    const query = line.trim();
    if (query === "") {
      prompt();
      continue;
    }
    if (/^(quit|exit)$/i.test(query)) break;
    if (PASTE_START.test(line) && !(/^\s*[{[]/.test(line) && openBrackets(line) <= 0)) {
      paste = [line];
      continue;
    }
    answer(query);
    prompt();
  }
  if (paste) answer(paste.join("\n"));
  rl.close();
}
