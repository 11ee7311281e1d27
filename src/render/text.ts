import { stripControl } from "./escape.js";
import type { Line, Part, Presentation, Span } from "./layout.js";

function spanText(span: Span): string {
  if (typeof span === "string") return span;
  if ("echo" in span)
    return `"${stripControl(span.echo).toWellFormed().replace(/\s+/g, " ").trim()}"`;
  if ("strong" in span) return span.strong;
  if ("code" in span) return span.code;
  if ("quote" in span) return span.quote.replace(/^/gm, "  │ ");
  return span.team.name;
}

const lineText = (line: Line): string => line.map(spanText).join("");

function partText(part: Part, command: string): string[] {
  switch (part.type) {
    case "section":
      return part.lines.map(lineText);
    case "context":
      return part.lines.map((line) => `  (${lineText(line)})`);
    case "follow-ups":
      return [`Ask: ${part.followUps.map((f) => `${command} ${f.query}`).join(" · ")}`];
  }
}

/**
 * Renders a presentation for a terminal: plain text, echoed input stripped of control
 * codes; follow-ups become the commands to type.
 */
export function renderText(presentation: Presentation, command: string): string {
  const out: string[] = [lineText(presentation.title), ...presentation.lead.map(lineText)];
  for (const unit of presentation.units) {
    out.push("", ...unit.parts.flatMap((part) => partText(part, command)));
  }
  return out.join("\n") + "\n";
}
