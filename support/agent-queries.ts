/**
 * Free-text answer quality on the agent query set (test/fixtures/search-agent-*.json):
 * shared by its test, which holds the targets, and the benchmark report, which records
 * the figures.
 */
import { readFileSync } from "node:fs";
import type { Answer } from "../src/engine/answer.js";
import type { Engine } from "../src/engine/engine.js";

export interface AgentQuery {
  query: string;
  /** Entries an agent would accept, as resource.code; empty for off-topic chat. */
  expect: string[];
  why: string;
}

export interface AgentQueryFigures {
  onTopic: number;
  offTopic: number;
  top1: number;
  top3: number;
  /** Of the on-topic queries answered `strong`, the share whose first code is right. */
  strongRight: number;
  offTopicNone: number;
  /** On-topic queries without an acceptable code in the top three. */
  misses: string[];
  /** Off-topic queries that were shown a code. */
  answeredOffTopic: string[];
}

export const AGENT_QUERY_SETS = [
  { name: "tuning part", file: "search-agent-tuning.json" },
  { name: "held-out part", file: "search-agent-holdout.json" },
] as const;

/** Reads one part of the set from the fixtures folder (its URL differs between source and build). */
export function loadAgentQueries(fixtures: URL, file: string): AgentQuery[] {
  return JSON.parse(readFileSync(new URL(file, fixtures), "utf8")) as AgentQuery[];
}

/** The codes the agent is shown, best first, as resource.code; none when nothing matched. */
function shown(answer: Answer): string[] {
  if (answer.type === "search") {
    return answer.hits.map((hit) => `${hit.entry.resource}.${String(hit.entry.code)}`);
  }
  if (answer.type === "codes" && answer.confidence !== "none") {
    return answer.items.flatMap((item) =>
      item.matches.map((m) => `${m.entry.resource}.${String(m.entry.code)}`),
    );
  }
  return [];
}

/** An on-topic query answered `none` shows no code, so it counts as a miss. */
export function evaluateAgentQueries(engine: Engine, cases: AgentQuery[]): AgentQueryFigures {
  const onTopic = cases.filter((c) => c.expect.length > 0);
  const offTopic = cases.filter((c) => c.expect.length === 0);
  const results = onTopic.map(({ query, expect: wanted }) => {
    const answer = engine.query(query);
    const top = shown(answer);
    return {
      query,
      top1: wanted.includes(top[0] ?? ""),
      top3: top.slice(0, 3).some((id) => wanted.includes(id)),
      strong: answer.type === "search" && answer.confidence === "strong",
      top,
    };
  });
  const answered = offTopic
    .map(({ query }) => ({ query, top: shown(engine.query(query)) }))
    .filter(({ top }) => top.length > 0);
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  const strong = results.filter((r) => r.strong);
  return {
    onTopic: onTopic.length,
    offTopic: offTopic.length,
    top1: share(results.filter((r) => r.top1).length, results.length),
    top3: share(results.filter((r) => r.top3).length, results.length),
    strongRight: share(strong.filter((r) => r.top1).length, strong.length),
    offTopicNone: share(offTopic.length - answered.length, offTopic.length),
    misses: results
      .filter((r) => !r.top3)
      .map((r) => `${r.query} → ${r.top.slice(0, 3).join(", ") || "nothing"}`),
    answeredOffTopic: answered.map(({ query, top }) => `${query} → ${top.slice(0, 2).join(", ")}`),
  };
}
