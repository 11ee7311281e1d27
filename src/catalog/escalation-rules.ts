/**
 * An entry's agent text and its escalation must agree: the check never sends the
 * agent somewhere the escalation does not, and a conditional escalation says so in
 * its `when`.
 */

/** How agent text names each team of catalog/teams.yml. */
const TEAM_MENTIONS: readonly (readonly [team: string, pattern: RegExp])[] = [
  ["integration-engineering", /\bintegration engineer(ing|s)?\b/i],
  ["platform-oncall", /\bplatform on-?call\b/i],
  ["risk", /\brisk team\b/i],
  ["loyalty-platform", /\bCapillary Support\b|\bloyalty platform owners\b/i],
];

/** "escalate", "escalating", … unless negated ("no escalation", "do not escalate"). */
const ESCALATE = /\b(?<!\b(no|not|never|don't|without) )escalat\w*/i;

/** Escalation that depends on something: "if it still fails, escalate", "escalate only if". */
const CONDITIONAL =
  /\bif\b[^.;:]*\bescalat\w*|\bescalat\w*[^.;:]*\b(if|when|once)\b|\bbefore escalating\b/i;

export interface EscalationFacts {
  /** The team escalated to, or null for no escalation. */
  team: string | null;
  when: string | null;
  /** The entry's one-line reason where its escalation differs from what its text suggests. */
  why: string | null;
}

/** Every disagreement between the agent text (explain, check) and the escalation. */
export function escalationTextProblems(agentText: string, escalation: EscalationFacts): string[] {
  const problems: string[] = [];
  for (const [team, pattern] of TEAM_MENTIONS) {
    const mention = pattern.exec(agentText)?.[0];
    if (mention !== undefined && escalation.team !== team && escalation.why === null) {
      problems.push(
        `the text names "${mention}" but the escalation ${
          escalation.team === null ? "is none" : `goes to ${escalation.team}`
        }; escalate to ${team} or say why not (escalation.why)`,
      );
    }
  }
  const escalate = ESCALATE.exec(agentText)?.[0];
  if (escalation.team === null && escalate !== undefined) {
    problems.push(
      `the text tells the agent to escalate ("${escalate}") but the escalation is none`,
    );
  }
  const conditional = CONDITIONAL.exec(agentText)?.[0];
  if (
    escalation.team !== null &&
    conditional !== undefined &&
    /^always\b/i.test(escalation.when ?? "")
  ) {
    problems.push(
      `the text escalates only under a condition ("${conditional}") but escalation.when says "Always"; say the condition in escalation.when`,
    );
  }
  return problems;
}
