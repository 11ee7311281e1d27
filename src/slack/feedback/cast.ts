import type { Logger } from "@slack/bolt";
import { maskCustomerText } from "../../engine/index.js";
import {
  FRIENDLY_ERROR,
  RECORDING_OFF,
  THANKS_NOTED,
  recordExpiredText,
} from "../../render/index.js";
import type { NewVote, VoteOutcome } from "../../store/index.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";

/** A vote's outcome, or why there is none, and what the voter is told. */
export interface Cast {
  outcome: VoteOutcome | "off" | "failed";
  text: string;
}

/**
 * Records a vote (one per user per answer; a second changes it), with customer
 * identifiers in the comment masked as in pastes. A vote on an expired record, or sent
 * while recording is off, is not kept, and the voter is told why.
 */
export async function castVote(bot: BotContext, vote: NewVote, logger: Logger): Promise<Cast> {
  if (!bot.recording) return { outcome: "off", text: RECORDING_OFF };
  const comment = vote.comment === null ? null : maskCustomerText(vote.comment);
  let outcome: VoteOutcome;
  try {
    outcome = await bot.store.records.vote({ ...vote, comment });
  } catch (error) {
    logFailure(logger, "recording a vote", error);
    return { outcome: "failed", text: FRIENDLY_ERROR };
  }
  if (outcome === "expired") {
    logger.warn("a vote came for an answer whose record has expired; it was not kept");
    return { outcome, text: recordExpiredText(bot.recordRetentionDays) };
  }
  return { outcome, text: THANKS_NOTED };
}
