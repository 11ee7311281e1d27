import { stripControl } from "./escape.js";
import type { Line, Part, Presentation, Span } from "./layout.js";

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
  if ("quote" in span) {
    return span.quote
      .split("\n")
      .map((line) => `  ${style.quiet("│")} ${style.quote(line)}`)
      .join("\n");
  }
  return style.strong(span.team.name);
}

/**
 * Renders a presentation for a terminal: text, echoed input stripped of control codes,
 * emphasis drawn by the style (escape codes only ever come from the style); follow-ups
 * become the commands to type.
 */
export function renderText(
  presentation: Presentation,
  command: string,
  style: TextStyle = PLAIN,
): string {
  const lineText = (line: Line): string => line.map((span) => spanText(span, style)).join("");
  const partText = (part: Part): string[] => {
    switch (part.type) {
      case "section":
        return part.lines.map(lineText);
      case "context":
        return part.lines.map((line) => style.quiet(`  (${lineText(line)})`));
      case "follow-ups":
        return [`Ask: ${part.followUps.map((f) => `${command} ${f.query}`).join(" · ")}`];
    }
  };
  const out: string[] = [
    style.header(lineText(presentation.title)),
    ...presentation.lead.map(lineText),
  ];
  for (const unit of presentation.units) out.push("", ...unit.parts.flatMap(partText));
  return out.join("\n") + "\n";
}
