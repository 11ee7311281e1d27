import type { Answer } from "../engine/answer.js";
import { askedCodes } from "../engine/index.js";
import type { AskedCount } from "../render/index.js";
import { answerRecord, sightingsOf } from "../report/record.js";
import type { BotContext } from "./bot-context.js";

export type Surface = "slash" | "mention" | "paste" | "share" | "dm" | "shortcut" | "candidate";

/** The counter of how often a code was asked about, for the home tab's "most asked". */
const ASKED = "asked:";

/**
 * The one place an answer is counted: by surface, each code it is about (for the home
 * tab) and each code in it that the catalog does not know, in the store; unless recording
 * is off, it is recorded for the maintainers' report and this resolves to the record's
 * id, which the answer's feedback buttons carry. Waits only for that record, and never
 * fails the answer: a count that cannot be kept is lost, and an answer whose record
 * could not be made (or with recording off) resolves to null: no feedback buttons.
 */
export async function countAnswer(
  bot: BotContext,
  surface: Surface,
  answer: Answer | null,
): Promise<string | null> {
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
  if (answer !== null) names.push(...askedCodes(answer).map((code) => `${ASKED}${String(code)}`));
  for (const name of names) {
    bot.store.counters.increment(name).catch(() => undefined);
  }
  if (!bot.recording || answer === null) return null;
  for (const sighting of sightingsOf(answer)) {
    bot.store.records.sighted(sighting).catch(() => undefined);
  }
  return recordAnswer(bot, surface, answer);
}

/**
 * Records an answer alone (not its sightings, already counted when it was first given),
 * unless recording is off; resolves to the record's id, or null when there is none.
 */
export async function recordAnswer(
  bot: BotContext,
  surface: Surface,
  answer: Answer,
): Promise<string | null> {
  if (!bot.recording) return null;
  return bot.store.records.answered(answerRecord(answer, surface, Date.now())).catch(() => null);
}

/** The `limit` codes asked about most in `totals` (counter totals), most asked first. */
export function mostAsked(totals: Record<string, number>, limit: number): AskedCount[] {
  return Object.entries(totals)
    .flatMap(([name, count]) =>
      name.startsWith(ASKED) ? [{ code: Number(name.slice(ASKED.length)), count }] : [],
    )
    .sort((a, b) => b.count - a.count || a.code - b.code)
    .slice(0, limit);
}
