import type { Diagnosis, Finding } from "../engine/index.js";
import type { Line, Part, Presentation, PresentOptions, Unit } from "./layout.js";
import { label, meaningUnits, unknownLines, unknownSummary } from "./meanings.js";

/** Where a finding was found, the message that came with it, and whether that differs. */
function findingLines(finding: Finding): Line[] {
  const where: Line = ["Found at "];
  finding.paths.forEach((path, i) => where.push(...(i === 0 ? [] : [", "]), { echo: path }));
  const more = finding.count - finding.paths.length;
  if (more > 0) where.push(` and ${String(more)} more`);
  const lines: Line[] = [where];
  if (finding.message !== null) lines.push(["Message: ", { echo: finding.message }]);
  const top = finding.matches[0];
  if (finding.messageDiffers && top && finding.message !== null) {
    lines.push([
      "The message differs from the documentation: documented “",
      top.entry.description,
      "”, received ",
      { echo: finding.message },
      ".",
    ]);
  }
  return lines;
}

function findingUnits(finding: Finding, options: PresentOptions): Unit[] {
  const count = finding.count > 1 ? ` × ${String(finding.count)}` : "";
  const found: Part = { type: "section", lines: findingLines(finding) };
  if (finding.matches.length === 0) {
    return [
      {
        parts: [
          {
            type: "header",
            text: `${String(finding.code)}${count} · ${finding.notDocumentedFor === null ? "unknown code" : `not documented for ${finding.notDocumentedFor}`}`,
          },
          found,
          { type: "section", lines: unknownLines(finding, options) },
        ],
        summary: `${String(finding.code)}${count} (${unknownSummary(finding)})`,
      },
    ];
  }
  const units = meaningUnits(finding, options, (m) => `${label(m.entry)}${count}`);
  const [first, ...rest] = units;
  if (finding.narrowed && first) {
    // One meaning: its header, then where it was found, then what it means.
    const [header, ...body] = first.parts;
    return [
      { parts: [...(header ? [header] : []), found, ...body], summary: first.summary + count },
      ...rest,
    ];
  }
  // Several possible meanings: where it was found, then every meaning.
  return [
    {
      parts: [{ type: "header", text: `${String(finding.code)}${count}` }, found],
      summary: `${String(finding.code)}${count}`,
    },
    ...units,
  ];
}

function diagnosisUnits(d: Diagnosis, options: PresentOptions): Unit[] {
  const notes: Line[] = [];
  if (d.recognisedAs === null) {
    notes.push([
      "This does not look like a Capillary response: its codes are read against the Capillary catalog anyway, so check that they come from Capillary.",
    ]);
  }
  if (d.truncated) notes.push(["The paste was cut short; this is what was in it."]);
  if (d.depthCapped)
    notes.push(["Part of the paste was nested too deeply to read and was skipped."]);
  const facts: Line = [];
  const addFact = (name: string, value: string) => {
    if (facts.length > 0) facts.push(" · ");
    facts.push(`${name} `, { echo: value });
  };
  if (d.requestId) addFact("Request id", d.requestId);
  for (const fact of d.facts) addFact(fact.label, fact.value);
  if (d.customer.length > 0) addFact("Customer", d.customer.join(", "));
  const envelope: Line[] = d.envelope.map((e) => [
    { strong: `${e.code}` },
    " at ",
    { echo: e.path },
    ...(e.message ? [" ", { echo: e.message }] : []),
    ` — ${e.meaning}`,
    ...(e.escalation
      ? [" Escalate to ", { team: e.escalation.team }, `: ${e.escalation.when}`]
      : []),
  ]);
  const head: Part[] = [];
  if (notes.length > 0 || envelope.length > 0) {
    head.push({ type: "context", lines: [...notes, ...envelope] });
  }
  if (facts.length > 0) {
    head.push({ type: "section", lines: [[{ strong: "For escalation: " }, ...facts]] });
  }
  const units: Unit[] = head.length > 0 ? [{ parts: head, summary: "" }] : [];
  for (const finding of d.findings) units.push(...findingUnits(finding, options));
  if (d.findings.length === 0) {
    units.push({
      parts: [
        {
          type: "section",
          lines: [
            [
              d.envelope.length > 0
                ? "Only the envelope status is in this response; no item-level codes."
                : "There is no response code in it.",
            ],
          ],
        },
      ],
      summary: "",
    });
  }
  return units;
}

/** A pasted response: the facts for escalation, then every finding, errors first. */
export function presentDiagnosis(diagnosis: Diagnosis, options: PresentOptions): Presentation {
  const n = diagnosis.findings.reduce((sum, f) => sum + f.count, 0);
  return {
    title: [`Diagnosis of a pasted response: ${n} item-level code${n === 1 ? "" : "s"}`],
    units: diagnosisUnits(diagnosis, options),
  };
}
