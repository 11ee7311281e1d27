import { readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Entries kept in the history file, newest last, like a shell's. */
export const HISTORY_SIZE = 500;
/** Longer entries are pastes, not queries worth recalling (and may hold customer data). */
export const HISTORY_ENTRY_LENGTH = 500;

export const historyPath = (home = homedir()) => join(home, ".loyalty-code_history");

/** The saved queries, newest first (readline's order); none when the file is missing. */
export function loadHistory(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && line.length <= HISTORY_ENTRY_LENGTH)
    .slice(-HISTORY_SIZE)
    .reverse();
}

/** Writes the newest HISTORY_SIZE entries, readable by the user only. */
export function saveHistory(file: string, newestFirst: readonly string[]): void {
  const entries = newestFirst
    .filter((entry) => !entry.includes("\n") && entry.length <= HISTORY_ENTRY_LENGTH)
    .slice(0, HISTORY_SIZE)
    .reverse();
  writeFileSync(file, entries.map((entry) => entry + "\n").join(""), { mode: 0o600 });
}
