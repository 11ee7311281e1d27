import type { Resource, Synonyms } from "../catalog/types.js";

/** A code the user asked about, with the resource they named for it, if any. */
export interface CodeRequest {
  code: number;
  resource: Resource | null;
}

export type Query =
  | { type: "help" }
  | {
      type: "codes";
      codes: CodeRequest[];
      /** The words beside the codes, as clues ("816 customer not found" → "not found"). */
      words: string;
      /** The whole query, cleaned: searched as words when no number is a known code. */
      text: string;
    }
  | { type: "search"; text: string; resource: Resource | null };

/** Longest query worth reading: agents type a few words; the rest is noise. */
export const MAX_QUERY_LENGTH = 500;

const CODE = /^\d{3,5}$/;
const HELP = /^(help|usage|\?|-h|--help)$/i;

/**
 * Reads what an agent typed: `803`, `803 1012`, `816 points`, `points 816`,
 * `coupon/660`, free text, or `help`. Mentions, link addresses and Slack markup are ignored.
 */
export function parseQuery(input: string, synonyms: Synonyms): Query {
  const text = input
    .slice(0, MAX_QUERY_LENGTH)
    .replace(/<[@#!][^>]*>/g, " ")
    // A Slack link keeps only its label: the address is not what the agent asked.
    .replace(
      /<(?:https?|mailto):[^|>]*(?:\|([^>]*))?>/gi,
      (_, label?: string) => ` ${label ?? ""} `,
    )
    .replace(/[`*_~]/g, " ")
    .trim();
  if (text === "" || HELP.test(text)) return { type: "help" };

  const tokens = text
    .toLowerCase()
    .split(/[\s/,;:()"'?!]+|(?<=\d)\.0+(?=\s|$)|#/)
    .filter((token) => token !== "");
  const resourceOf = (token: string): Resource | null =>
    Object.hasOwn(synonyms.resources, token) ? (synonyms.resources[token] ?? null) : null;

  const codes: (CodeRequest & { index: number })[] = [];
  const resourceTokens: { index: number; resource: Resource }[] = [];
  tokens.forEach((token, index) => {
    if (CODE.test(token)) codes.push({ code: Number(token), resource: null, index });
    const resource = resourceOf(token);
    if (resource) resourceTokens.push({ index, resource });
  });

  if (codes.length === 0) {
    return { type: "search", text: tokens.join(" "), resource: namedResource(resourceTokens) };
  }

  // A resource word binds to the code right before it ("816 points"), else right after it
  // ("points 816"); a single resource word in the query applies to every code.
  const bound = new Set<number>();
  for (const { index, resource } of resourceTokens) {
    const target =
      codes.find((c) => c.index === index - 1 && c.resource === null) ??
      codes.find((c) => c.index === index + 1 && c.resource === null);
    if (target) {
      target.resource = resource;
      bound.add(index);
    }
  }
  if (resourceTokens.length === 1) {
    const only = resourceTokens[0];
    for (const code of codes) code.resource ??= only?.resource ?? null;
  }
  const unique = new Map<string, CodeRequest>();
  for (const { code, resource } of codes)
    unique.set(`${code}|${resource ?? ""}`, { code, resource });
  const words = tokens
    .filter((token, index) => !CODE.test(token) && !bound.has(index) && !resourceOf(token))
    .join(" ");
  return { type: "codes", codes: [...unique.values()], words, text: tokens.join(" ") };
}

/**
 * The resource free text is about. Agents say "customer" in almost every query, so it
 * gives way to any other resource named beside it ("points redeem customer not found"
 * is about points); two other resources leave it open.
 */
function namedResource(named: readonly { resource: Resource }[]): Resource | null {
  const resources = new Set(named.map(({ resource }) => resource));
  if (resources.size > 1) resources.delete("customer");
  return resources.size === 1 ? ([...resources][0] ?? null) : null;
}
