/** "explain", "explain this please", "what's this?", or nothing: diagnose the thread's first message. */
const EXPLAIN =
  /^(please\s+)?(explain|diagnose|decode|what('?s| is| does))?(\s+(this|that|it|the|above|error|response|message|mean|please))*[\s?.!]*$/i;

/** What a mention of the bot asks for. */
export type MentionRequest =
  /** The diagnosis of the first message of the thread the mention is in. */
  | { type: "thread-parent"; threadTs: string }
  /** An answer to the words of the mention, mentions of the bot removed. */
  | { type: "query"; text: string };

/**
 * Reads a mention: "explain" (or a bare mention) as a reply in a thread asks about the
 * thread's first message; anything else, and anything outside a thread, is a query.
 */
export function readMention(
  text: string,
  where: { ts: string; threadTs?: string },
): MentionRequest {
  const query = stripMentions(text);
  if (EXPLAIN.test(query) && where.threadTs !== undefined && where.threadTs !== where.ts) {
    return { type: "thread-parent", threadTs: where.threadTs };
  }
  return { type: "query", text: query };
}

/** Removes user mentions (`<@U123>`, `<@U123|name>`) from a message, leaving the query. */
export function stripMentions(text: string): string {
  // [^<>] rather than [^>]: the latter backtracks quadratically on "<@U1|<@U1|…".
  return text.replace(/<@[UW][A-Z0-9]+(?:\|[^<>]*)?>/g, " ").trim();
}
