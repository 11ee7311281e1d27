import type { Logger } from "@slack/bolt";
import type { Answer } from "../engine/index.js";
import { askedCodes, escalationOf } from "../engine/index.js";
import type { SlackMessage } from "../render/index.js";
import { answerMessage } from "../render/index.js";
import { isRecord } from "../guards.js";
import type { BotContext } from "./bot-context.js";
import { logFailure } from "./log.js";

/** What an Escalate button carries: the key of the held input, and the message answered. */
export interface EscalateRef {
  key: string;
  /** The ts of the message the answer is about, in the button's conversation; null if private. */
  origin: string | null;
}

/** Counts the codes an answer is about for the home tab; a failing count never costs the answer. */
export async function countAsked(bot: BotContext, answer: Answer, logger: Logger): Promise<void> {
  const codes = askedCodes(answer);
  if (codes.length === 0) return;
  await bot.memory.asked.record(codes).catch((error: unknown) => {
    logFailure(logger, "counting asked codes", error);
  });
}

/**
 * The value of an Escalate button for `answer`, or undefined when it escalates to no
 * team. The input is held (customer identifiers masked) rather than carried, since a
 * paste can be longer than a button value.
 */
export async function escalateValue(
  bot: BotContext,
  input: string,
  answer: Answer,
  origin: string | null,
): Promise<string | undefined> {
  if (escalationOf(answer) === null) return undefined;
  const key = await bot.store.answers.put(bot.engine.shareValue(input, answer));
  const ref: EscalateRef = { key, origin };
  return JSON.stringify(ref);
}

export function readEscalateRef(value: unknown): EscalateRef | null {
  if (typeof value !== "string") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed.key !== "string") return null;
  return { key: parsed.key, origin: typeof parsed.origin === "string" ? parsed.origin : null };
}

/**
 * Answers `input` as a message in a conversation: counted for the home tab, with an
 * Escalate button when the answer names a team. `origin` is the message answered.
 */
export async function answerForConversation(
  bot: BotContext,
  input: string,
  origin: string | null,
  logger: Logger,
): Promise<SlackMessage> {
  const answer = bot.engine.answer(input);
  return messageFor(bot, input, answer, origin, logger);
}

/** The message for an answer already computed (see answerForConversation). */
export async function messageFor(
  bot: BotContext,
  input: string,
  answer: Answer,
  origin: string | null,
  logger: Logger,
): Promise<SlackMessage> {
  await countAsked(bot, answer, logger);
  const escalate = await escalateValue(bot, input, answer, origin).catch((error: unknown) => {
    logFailure(logger, "holding an answer for Escalate", error);
    return undefined;
  });
  return answerMessage(answer, escalate === undefined ? {} : { escalateValue: escalate });
}
