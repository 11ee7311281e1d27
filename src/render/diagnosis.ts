import type { Entry } from "../catalog/types.js";
import { URGENCIES } from "../catalog/types.js";
import type { Diagnosis, Finding } from "../engine/index.js";
import { COMMAND_NAME } from "./command-name.js";
import type { Line, Part, Presentation, PresentOptions, Unit } from "./layout.js";
import type { Meaning } from "./meanings.js";
import {
  briefly,
  collectUnit,
  compactLine,
  evidenceParts,
  groupMeanings,
  meaningLabel,
  meaningSection,
} from "./meanings.js";

/** Findings shown in full at most; the rest get a line each. */
const FULL_FINDINGS = 3;
/** One-line findings listed at most before "and N more". */
const LISTED_FINDINGS = 6;
/**
 * Characters the whole diagnosis may take, kept under the 3,000 of the budget because
 * the estimate does not count escaping.
 */
const PASTE_CHARS = 2700;
/** Room kept for the "and N more" line. */
const MORE_LINE_CHARS = 100;
/** Findings named per kind in the verdict line. */
const VERDICT_FINDINGS = 2;
/** Echoed paste text is cut to these lengths in the Slack layout. */
const ECHO = { path: 60, message: 120, fact: 60, customer: 120 } as const;

const times = (finding: Finding) => (finding.count > 1 ? ` × ${String(finding.count)}` : "");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const topMeaning = (finding: Finding): Meaning | undefined => groupMeanings(finding.matches)[0];
const kindOf = (finding: Finding) =>
  finding.matches.length === 0 ? "unknown" : (finding.reported ?? finding.matches[0]?.entry.kind);

/** The escalation that matters most among the findings: the most urgent. */
function mostUrgent(findings: readonly Finding[]): Entry | null {
  let best: Entry | null = null;
  for (const finding of findings) {
    const entry = topMeaning(finding)?.entry;
    if (!entry?.escalation || kindOf(finding) === "success") continue;
    const rank = URGENCIES.indexOf(entry.escalation.urgency);
    if (!best?.escalation || rank > URGENCIES.indexOf(best.escalation.urgency)) best = entry;
  }
  return best;
}

/** "2 item errors: 816 customer · Customer not found × 2; 1 warning: …; escalate: no" */
function diagnosisVerdict(d: Diagnosis): Line {
  const groups: [string, string][] = [
    ["error", "item error"],
    ["warning", "warning"],
    ["unknown", "unknown code"],
  ];
  const parts: string[] = [];
  for (const [kind, word] of groups) {
    const found = d.findings.filter((f) => kindOf(f) === kind);
    if (found.length === 0) continue;
    const n = found.reduce((sum, f) => sum + f.count, 0);
    const named = found.slice(0, VERDICT_FINDINGS).map((f) => {
      const meaning = topMeaning(f);
      if (meaning) {
        return `${f.code} ${meaning.resources.join(", ")} · ${briefly(meaning.entry)}${times(f)}`;
      }
      const where =
        f.notDocumentedFor === null ? "" : ` (not documented for ${f.notDocumentedFor})`;
      return `${f.code}${times(f)}${where}`;
    });
    const more = found.length - VERDICT_FINDINGS;
    const rest = more > 0 ? `, and ${plural(more, "more code")}` : "";
    parts.push(`${plural(n, word)}: ${named.join(", ")}${rest}`);
  }
  const succeeded = d.findings
    .filter((f) => kindOf(f) === "success")
    .reduce((sum, f) => sum + f.count, 0);
  if (succeeded > 0) parts.push(`${succeeded} succeeded`);
  if (d.findings.length === 0) {
    const envelope = d.envelope[0];
    parts.push(
      envelope
        ? `only the envelope status ${envelope.code}: ${envelope.meaning}`
        : "no response code in it",
    );
  }
  const escalation = mostUrgent(d.findings)?.escalation;
  parts.push(
    escalation ? `escalate: ${escalation.team.name}, ${escalation.urgency}` : "escalate: no",
  );
  return [parts.join("; ")];
}

/** Where a finding was found and the message that came with it. */
function foundLines(finding: Finding): Line[] {
  const where: Line = ["Found at "];
  finding.paths.slice(0, 2).forEach((path, i) => {
    where.push(...(i === 0 ? [] : [", "]), { echo: path, max: ECHO.path });
  });
  const more = finding.count - Math.min(2, finding.paths.length);
  if (more > 0) where.push(` and ${String(more)} more`);
  const lines: Line[] = [where];
  const top = finding.matches[0];
  if (finding.message === null) return lines;
  const message = { echo: finding.message, max: ECHO.message };
  lines.push(
    finding.messageDiffers && top
      ? [
          "The message differs from the documentation: documented “",
          top.entry.description,
          "”, received ",
          message,
          ".",
        ]
      : ["Message: ", message],
  );
  return lines;
}

/** A finding in full: its top meaning, where it was found, and its other meanings by name. */
function fullFinding(finding: Finding, options: PresentOptions): Part[] {
  const meanings = groupMeanings(finding.matches);
  const [top, ...others] = meanings;
  if (!top) return [];
  const also: Line[] =
    !finding.narrowed && others.length > 0
      ? [["Most likely meaning; it can also mean: ", others.map(meaningLabel).join("; ")]]
      : [];
  const section = meaningSection(top, {
    lines: foundLines(finding),
    repeats: times(finding),
    also,
  });
  return [section, ...evidenceParts(top, options)];
}

function findingLine(finding: Finding): Line {
  const meaning = topMeaning(finding);
  if (!meaning) {
    const code = String(finding.code);
    const resource = finding.notDocumentedFor;
    const line: Line = [
      { strong: code },
      `${times(finding)} is not a documented ${resource === null ? "" : `${resource} `}code`,
    ];
    if (finding.message !== null)
      line.push(", message ", { echo: finding.message, max: ECHO.message });
    if (finding.nearest.length > 0) {
      const nearest = new Set(finding.nearest.map((e) => `${e.code} · ${e.resource}`));
      line.push(`; nearest documented: ${[...nearest].join(", ")}`);
    }
    for (const { entry } of finding.otherResources) {
      line.push(
        `; on ${entry.resource}, ${code} means “${briefly(entry)}” (${entry.kind}): not applied`,
      );
    }
    return line;
  }
  const [label, ...rest] = compactLine(meaning);
  return [...(label ? [label] : []), times(finding), ...rest];
}

const lineLength = (line: Line) =>
  line.reduce((n, span) => {
    if (typeof span === "string") return n + span.length;
    if ("echo" in span) return n + Math.min(span.echo.length, span.max ?? 300) + 2;
    if ("team" in span) return n + span.team.name.length;
    if ("strong" in span) return n + span.strong.length + 2;
    if ("code" in span) return n + span.code.length + 2;
    return n + span.quote.length + 1;
  }, 0);

const partLength = (part: Part) =>
  part.type === "follow-ups" ? 0 : part.lines.reduce((n, line) => n + lineLength(line) + 1, 0);

const collectSize = (entries: readonly Entry[]) =>
  collectUnit(entries).reduce(
    (n, unit) => n + unit.parts.reduce((m, part) => m + partLength(part), 0),
    0,
  );

const urgency = (finding: Finding) => {
  const escalation = topMeaning(finding)?.entry.escalation;
  return escalation ? URGENCIES.indexOf(escalation.urgency) + 1 : 0;
};

/**
 * The most serious findings in full while the paste budget allows (those to escalate,
 * most urgent first, then in the engine's order, errors first), then the rest a line
 * each, then "and N more": the CLI lists every one.
 */
function findingUnits(d: Diagnosis, options: PresentOptions, fixed: number): Unit[] {
  const units: Unit[] = [];
  const full: Entry[] = [];
  const shownInFull = new Set<Finding>();
  let used = fixed;
  const serious = d.findings
    .filter((f) => topMeaning(f)?.entry.kind !== "success" && kindOf(f) !== "success")
    .filter((f) => f.matches.length > 0)
    .sort((a, b) => urgency(b) - urgency(a));
  for (const finding of serious.slice(0, FULL_FINDINGS)) {
    const top = topMeaning(finding);
    if (!top) break;
    const parts = fullFinding(finding, options);
    const size =
      parts.reduce((n, part) => n + partLength(part), 0) +
      collectSize([...full, top.entry]) -
      collectSize(full);
    const left = d.findings.length - shownInFull.size - 1;
    const listRoom = Math.min(left, LISTED_FINDINGS) * 130;
    if (used + size + listRoom + MORE_LINE_CHARS > PASTE_CHARS) break;
    used += size;
    full.push(top.entry);
    shownInFull.add(finding);
    units.push({ parts, summary: `${meaningLabel(top)}${times(finding)}` });
  }
  const listed = d.findings.filter((f) => !shownInFull.has(f));
  if (listed.length > 0) {
    const lines: Line[] = [
      [{ strong: full.length > 0 ? "Also in this response:" : "In this response:" }],
    ];
    let shown = 0;
    for (const finding of listed) {
      const line = findingLine(finding);
      const size = lineLength(line) + 1;
      if (shown >= LISTED_FINDINGS || used + size + MORE_LINE_CHARS > PASTE_CHARS) break;
      lines.push(line);
      used += size;
      shown++;
    }
    const more = listed.length - shown;
    if (more > 0) {
      lines.push([
        `…and ${plural(more, "more code")}; every one is listed by `,
        { code: `${COMMAND_NAME} - --json` },
        " in a terminal.",
      ]);
    }
    units.push({ parts: [{ type: "section", lines }], summary: "" });
  }
  return [...units, ...collectUnit(full)];
}

function factsUnit(d: Diagnosis): Unit[] {
  const facts: Line = [];
  const addFact = (name: string, value: string) => {
    if (facts.length > 0) facts.push(" · ");
    facts.push(`${name} `, { echo: value, max: name === "Customer" ? ECHO.customer : ECHO.fact });
  };
  if (d.requestId) addFact("Request id", d.requestId);
  for (const fact of d.facts) addFact(fact.label, fact.value);
  if (d.customer.length > 0) addFact("Customer", d.customer.join(", "));
  const envelope: Line[] = d.envelope.map((e) => [
    { strong: `${e.code}` },
    " at ",
    { echo: e.path, max: ECHO.path },
    ...(e.message ? [" ", { echo: e.message, max: ECHO.message }] : []),
    `: ${e.meaning}`,
    ...(e.escalation
      ? [" Escalate to ", { team: e.escalation.team }, `: ${e.escalation.when}`]
      : []),
  ]);
  const lines = [
    ...envelope,
    ...(facts.length > 0 ? [[{ strong: "For escalation: " }, ...facts]] : []),
  ];
  return lines.length > 0 ? [{ parts: [{ type: "context", lines }], summary: "" }] : [];
}

/** A pasted response: a verdict over every finding, the most serious in full, the rest listed. */
export function presentDiagnosis(d: Diagnosis, options: PresentOptions): Presentation {
  const lead: Line[] = [];
  if (d.recognisedAs === null) {
    lead.push([
      "This does not look like a Capillary response: its codes are read against the Capillary catalog anyway, so check that they come from Capillary.",
    ]);
  }
  if (d.truncated) lead.push(["The paste was cut short; this is what was in it."]);
  if (d.depthCapped)
    lead.push(["Part of the paste was nested too deeply to read and was skipped."]);
  const title = diagnosisVerdict(d);
  const facts = factsUnit(d);
  const fixed =
    lineLength(title) +
    lead.reduce((n, line) => n + lineLength(line), 0) +
    facts.reduce((n, unit) => n + unit.parts.reduce((m, part) => m + partLength(part), 0), 0);
  return { title, lead, units: [...facts, ...findingUnits(d, options, fixed)] };
}
