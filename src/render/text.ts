import { stripControl } from "./escape.js";
import type { Line, Presentation, Span } from "./layout.js";

function spanText(span: Span): string {
  if (typeof span === "string") return span;
  if ("echo" in span)
    return `"${stripControl(span.echo).toWellFormed().replace(/\s+/g, " ").trim()}"`;
  if ("strong" in span) return span.strong;
  if ("code" in span) return span.code;
  return span.team.name;
}

const lineText = (line: Line): string => line.map(spanText).join("");

/** Renders a presentation for a terminal: plain text, echoed input stripped of control codes. */
export function renderText(presentation: Presentation): string {
  const out: string[] = [lineText(presentation.title)];
  for (const unit of presentation.units) {
    for (const part of unit.parts) {
      switch (part.type) {
        case "header":
          out.push("", part.text, "─".repeat(Math.min(part.text.length, 60)));
          break;
        case "section":
          out.push(...part.lines.map(lineText));
          break;
        case "quote":
          out.push(`  │ ${part.text}`);
          break;
        case "context":
          out.push(...part.lines.map((line) => `  (${lineText(line)})`));
          break;
      }
    }
  }
  return out.join("\n") + "\n";
}
