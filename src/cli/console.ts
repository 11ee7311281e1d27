import { createInterface } from "node:readline";
import type { Engine } from "../engine/index.js";
import { answerJson, answerText } from "../render/index.js";
import { ANSI, wantsColor } from "./color.js";
import { HISTORY_SIZE, historyPath, loadHistory, saveHistory } from "./history.js";
import type { PasteTiming } from "./paste.js";
import { InputCollector, PASTE_TIMING } from "./paste.js";

export const CONSOLE_BANNER = `loyalty-code console: type a code (803), a code and resource (816 points) or some
words (coupon already used), or paste an API response as it is, headers and all.
:help for help, :quit or Ctrl-D to leave.

Not connected to Slack: no SLACK_BOT_TOKEN is set. To connect, create the app from
manifest.yml and put its tokens in .env (see .env.example and the README).

`;

export const CONSOLE_HELP = `Type a code (803), a code and resource (816 points), several codes (803 1012) or
some words (coupon already used) and press Enter. Paste an API response as it is:
headers, blank lines and all are read as one input.

Commands:
  :help   this help
  :json   switch JSON output on or off
  :quit   leave (or Ctrl-D; "quit" and "exit" work too)

Keys: Up and Down recall earlier queries, Ctrl-C cancels the current entry, Ctrl-D leaves.
`;

const PROMPT = "loyalty-code> ";
/** Turn the terminal's bracketed paste on and off: pastes then arrive between markers. */
const BRACKETED_PASTE_ON = "\x1b[?2004h";
const BRACKETED_PASTE_OFF = "\x1b[?2004l";

export interface ConsoleIO {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  env?: Readonly<Record<string, string | undefined>>;
  /** Where queries are remembered between sessions; null keeps no file. */
  historyFile?: string | null;
  timing?: PasteTiming;
}

interface Key {
  name?: string;
}

/**
 * The interactive console. On a terminal it is a readline console with line editing,
 * history kept in the home directory and bracketed paste; on any other stream it reads
 * lines and groups pastes by timing and shape alone. Resolves when the user leaves or
 * the input ends.
 */
export function runConsole(
  engine: Engine,
  io: ConsoleIO,
  banner: string = CONSOLE_BANNER,
): Promise<void> {
  const env = io.env ?? {};
  const terminal = io.input.isTTY === true && io.output.isTTY === true;
  const style = wantsColor(io.output, env) ? ANSI : undefined;
  const historyFile = terminal
    ? io.historyFile === undefined
      ? historyPath()
      : io.historyFile
    : null;
  // Readline keeps its history in this array, newest first, and reports changes to it.
  let history = historyFile === null ? [] : loadHistory(historyFile);
  let settledHistory = [...history];
  const rl = createInterface({
    input: io.input,
    output: io.output,
    terminal,
    prompt: PROMPT,
    history,
    historySize: terminal ? HISTORY_SIZE : 0,
    removeHistoryDuplicates: true,
  });
  rl.on("history", (current) => {
    history = current;
  });
  const write = (text: string) => io.output.write(text);
  let closed = false;
  const prompt = () => {
    if (terminal && !closed) rl.prompt();
  };
  let json = false;
  let historyWarned = false;

  /** Keeps a typed query in the history; a paste's lines or a cancelled entry, never. */
  const settleHistory = (keep: boolean) => {
    if (historyFile === null) return;
    if (!keep) {
      history.splice(0, history.length, ...settledHistory);
      return;
    }
    settledHistory = [...history];
    try {
      saveHistory(historyFile, history);
    } catch (error) {
      if (!historyWarned)
        write(
          `(History is not saved: ${error instanceof Error ? error.message : String(error)})\n`,
        );
      historyWarned = true;
    }
  };

  const handle = (text: string, lineCount: number) => {
    settleHistory(lineCount === 1 && text.trim() !== "");
    const query = text.trim();
    if (lineCount === 1 && /^(:q(uit)?|:exit|quit|exit)$/i.test(query)) {
      rl.close();
      return;
    }
    if (lineCount === 1 && query === ":help") write(CONSOLE_HELP);
    else if (lineCount === 1 && query === ":json") {
      json = !json;
      write(json ? "JSON output on.\n" : "JSON output off.\n");
    } else if (lineCount === 1 && /^:\w*$/.test(query))
      write(`Unknown command ${query}. Commands: :help, :json, :quit.\n`);
    else if (query !== "") answer(text);
    prompt();
  };

  const answer = (text: string) => {
    try {
      const result = engine.answer(text);
      write(
        json
          ? JSON.stringify(answerJson(result), null, 2) + "\n"
          : answerText(result, "loyalty-code", style) + "\n",
      );
    } catch (error) {
      write(`Sorry, something went wrong answering that: ${String(error)}\n`);
    }
  };

  const collector = new InputCollector(handle, io.timing ?? PASTE_TIMING);
  rl.on("line", (line) => {
    collector.addLine(line);
  });

  /** Clears the line being edited, as Ctrl-E then Ctrl-U would. */
  const clearEditedLine = () => {
    rl.write(null, { ctrl: true, name: "e" });
    rl.write(null, { ctrl: true, name: "u" });
  };

  if (terminal) {
    io.input.on("keypress", (_text: string | undefined, key: Key | undefined) => {
      if (key?.name === "paste-start") collector.pasteStarted();
      if (key?.name !== "paste-end") return;
      if (!collector.pending) {
        collector.pasteEnded("");
        return;
      }
      // A paste of several lines is one input: take its last, unterminated line too.
      const rest = rl.line;
      if (rest !== "") {
        clearEditedLine();
        write(`\r\x1b[K${rest}`);
      }
      write("\n");
      collector.pasteEnded(rest);
    });
    rl.on("SIGINT", () => {
      if (collector.pending || rl.line !== "") {
        write("^C\n");
        collector.cancel();
        settleHistory(false);
        clearEditedLine();
      } else write("\n(To leave, press Ctrl-D or type :quit)\n");
      prompt();
    });
    write(BRACKETED_PASTE_ON);
  }

  write(banner);
  prompt();
  return new Promise((resolve) => {
    rl.on("close", () => {
      closed = true;
      collector.flush();
      if (terminal) write(`\n${BRACKETED_PASTE_OFF}`);
      resolve();
    });
  });
}
