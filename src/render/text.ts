import { stripControl } from "./escape.js";
import type { Line, Presentation, Span } from "./layout.js";

/** How a terminal marks emphasis; the plain style (no escape codes) is the default. */
export interface TextStyle {
  strong: (text: string) => string;
  header: (text: string) => string;
  quote: (text: string) => string;
  quiet: (text: string) => string;
}

const same = (text: string) => text;
export const PLAIN: TextStyle = { strong: same, header: same, quote: same, quiet: same };

function spanText(span: Span, style: TextStyle): string {
  if (typeof span === "string") return span;
  if ("echo" in span)
    return `"${stripControl(span.echo).toWellFormed().replace(/\s+/g, " ").trim()}"`;
  if ("strong" in span) return style.strong(span.strong);
  if ("code" in span) return span.code;
  return style.strong(span.team.name);
}

/**
 * Renders a presentation for a terminal: text, echoed input stripped of control codes,
 * emphasis drawn by the style (escape codes only ever come from the style).
 */
export function renderText(presentation: Presentation, style: TextStyle = PLAIN): string {
  const lineText = (line: Line): string => line.map((span) => spanText(span, style)).join("");
  const out: string[] = [style.strong(lineText(presentation.title))];
  for (const unit of presentation.units) {
    for (const part of unit.parts) {
      switch (part.type) {
        case "header":
          out.push(
            "",
            style.header(part.text),
            style.quiet("─".repeat(Math.min(part.text.length, 60))),
          );
          break;
        case "section":
          out.push(...part.lines.map(lineText));
          break;
        case "quote":
          out.push(`  ${style.quiet("│")} ${style.quote(part.text)}`);
          break;
        case "context":
          out.push(...part.lines.map((line) => style.quiet(`  (${lineText(line)})`)));
          break;
      }
    }
  }
  return out.join("\n") + "\n";
}
