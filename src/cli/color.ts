import type { TextStyle } from "../render/index.js";

/**
 * Colour only when the output is a terminal and NO_COLOR is unset or empty
 * (https://no-color.org): pipes, files and `--json` always get plain text.
 */
export function wantsColor(
  output: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return output.isTTY === true && (env.NO_COLOR ?? "") === "";
}

const sgr = (open: number, close: number) => (text: string) =>
  text === "" ? text : `\x1b[${open}m${text}\x1b[${close}m`;

/** Bold titles and emphasis, cyan headings, green customer wording, dim asides. */
export const ANSI: TextStyle = {
  strong: sgr(1, 22),
  header: (text) => sgr(1, 22)(sgr(36, 39)(text)),
  quote: sgr(32, 39),
  quiet: sgr(2, 22),
};
