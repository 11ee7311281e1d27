/**
 * What Slack and agents do to a paste on its way to the bot, as functions, so that a
 * test can run one fixture through every kind of damage.
 */
export interface Mangling {
  name: string;
  apply: (text: string) => string;
}

export const MANGLINGS: readonly Mangling[] = [
  { name: "as pasted", apply: (text) => text },
  {
    name: "in a code fence with prose around it",
    apply: (text) => `seeing this in prod:\n\`\`\`\n${text}\n\`\`\`\nany idea?`,
  },
  {
    name: "with smart quotes",
    apply: (text) => text.replace(/"([^"]*)"/g, "\u201c$1\u201d"),
  },
  {
    name: "with Slack's entities",
    // Slack escapes once: a paste it has already escaped is left as it is.
    apply: (text) =>
      text.includes("&lt;")
        ? text
        : text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  },
  {
    name: "with HTTP headers above it",
    apply: (text) =>
      `HTTP/1.1 200 OK\nContent-Type: application/json; charset=utf-8\nDate: Mon, 30 Nov 2026 10:41:07 GMT\n\n${text}`,
  },
  {
    name: "with links wrapped by Slack",
    apply: (text) => `from <https://grafana.example.net/explore?left=1|grafana>:\n${text}`,
  },
];

/** The paste cut off two thirds of the way in, as a long paste in a chat client is. */
export function truncated(text: string): string {
  return text.slice(0, Math.ceil((text.length * 2) / 3));
}
