import type { Answer } from "../engine/answer.js";
import { answerRecord, sightingsOf } from "../report/record.js";
import type { BotContext } from "./bot-context.js";

export type Surface = "slash" | "mention" | "paste" | "share" | "dm" | "shortcut";

/**
 * Counts an answer by surface, and each code in it that the catalog does not know, in
 * the store; unless recording is off, records it for the maintainers' report. Never waits and never fails the answer: a count that cannot be kept is lost.
 */
export function countAnswer(bot: BotContext, surface: Surface, answer: Answer | null): void {
  const names = [`usage:${surface}`];
  const items =
    answer?.type === "codes"
      ? answer.items
      : answer?.type === "diagnosis"
        ? answer.diagnosis.findings
        : [];
  for (const item of items) {
    if (item.matches.length === 0) names.push(`unknown-code:${String(item.code)}`);
  }
  for (const name of names) {
    bot.store.counters.increment(name).catch(() => undefined);
  }
  if (!bot.recording || answer === null) return;
  bot.store.records.answered(answerRecord(answer, surface, Date.now())).catch(() => undefined);
  for (const sighting of sightingsOf(answer)) {
    bot.store.records.sighted(sighting).catch(() => undefined);
  }
}
