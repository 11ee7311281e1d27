/**
 * Making user and paste text safe to show. Slack's mrkdwn treats `&`, `<` and `>` as
 * control characters (`<!channel>`, `<@U123>`, `<http://x|y>`), so they are escaped;
 * echoed text is also kept on one line and out of the way of code-span backticks.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Shortens to at most `max` characters, marking the cut. A cut through a surrogate pair
 * (half an emoji) leaves U+FFFD rather than broken UTF-16.
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).toWellFormed()}…`;
}

/* eslint-disable no-control-regex -- matching control characters is the point */
const ANSI_SEQUENCE = /\u001b\[[0-9;?]*[A-Za-z]/g;
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */

/** Removes terminal control sequences and other control characters (keeps newlines). */
export function stripControl(text: string): string {
  return text.replace(ANSI_SEQUENCE, "").replace(CONTROL, "");
}

/**
 * Text echoed from a user or a paste, for an inline code span in mrkdwn: one line,
 * escaped, no backticks, bounded length. Inside a code span Slack applies no
 * formatting, so `*`, `_` and `~` cannot restyle the message.
 */
export function echoInline(text: string, max = 300): string {
  const oneLine = stripControl(text).toWellFormed().replace(/\s+/g, " ").replace(/`/g, "'").trim();
  return "`" + escapeMrkdwn(truncate(oneLine, max)) + "`";
}
