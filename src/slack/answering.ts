import type { Logger } from "@slack/bolt";
import type { Answer } from "../engine/index.js";
import { escalationOf } from "../engine/index.js";
import type { BlockOptions, SlackMessage } from "../render/index.js";
import { MENTION_COMMAND, answerMessage } from "../render/index.js";
import { isRecord } from "../guards.js";
import type { BotContext } from "./bot-context.js";
import { logFailure } from "./log.js";

/** What an Escalate button carries: the key of the held input, and the message answered. */
export interface EscalateRef {
  key: string;
  /** The ts of the message the answer is about, in the button's conversation; null if private. */
  origin: string | null;
}

/**
 * The value of an Escalate button for the input held under `ref.key`, or undefined
 * when `answer` escalates to no team.
 */
export function escalateValueFor(answer: Answer, ref: EscalateRef): string | undefined {
  return escalationOf(answer) === null ? undefined : JSON.stringify(ref);
}

/**
 * The buttons of `answer`: its input is held once (customer identifiers masked, since a
 * paste can be longer than a button value), and both Share (when `share`) and Escalate
 * (when the answer names a team) carry the key to it. `origin` is the message answered.
 */
export async function answerButtons(
  bot: BotContext,
  input: string,
  answer: Answer,
  options: { share: boolean; origin: string | null },
): Promise<Pick<BlockOptions, "shareKey" | "escalateValue">> {
  const share = options.share && answer.type !== "help";
  if (!share && escalationOf(answer) === null) return {};
  const key = await bot.store.answers.put(bot.engine.shareValue(input, answer));
  const escalateValue = escalateValueFor(answer, { key, origin: options.origin });
  return {
    ...(share ? { shareKey: key } : {}),
    ...(escalateValue === undefined ? {} : { escalateValue }),
  };
}

export interface MessageOptions {
  /** How a follow-up is asked where the answer is read; the mention form by default. */
  command?: string;
  /** The answer's record id, for its feedback buttons; null when it was not recorded. */
  feedbackId?: string | null;
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
 * The message answering `input` in a conversation, with an Escalate button when the
 * answer names a team (the caller counts the answer, once); `origin` is the message answered. It is
 * visible already, so it has no Share button; hints default to the mention form,
 * since conversation answers are read in threads where slash commands do not run.
 * `feedbackId`, the answer's record, adds the Helpful / Not right buttons.
 */
export async function messageFor(
  bot: BotContext,
  input: string,
  answer: Answer,
  origin: string | null,
  logger: Logger,
  { command = MENTION_COMMAND, feedbackId = null }: MessageOptions = {},
): Promise<SlackMessage> {
  const buttons = await answerButtons(bot, input, answer, { share: false, origin }).catch(
    (error: unknown) => {
      logFailure(logger, "holding an answer for Escalate", error);
      return {};
    },
  );
  return answerMessage(answer, {
    ...buttons,
    command,
    ...(feedbackId === null ? {} : { feedbackId }),
  });
}
