import type { Logger, ViewResponseAction, ViewSubmitAction } from "@slack/bolt";
import type { ChatPostMessageArguments, ViewsUpdateArguments } from "@slack/web-api";
import { isUrgency } from "../../catalog/types.js";
import type { Escalation } from "../../engine/index.js";
import { escalationOf, maskCustomerText } from "../../engine/index.js";
import type { EscalationInput, EscalationOutcome } from "../../render/index.js";
import {
  CHECKED_REQUIRED,
  FRIENDLY_ERROR,
  ESCALATION_INPUTS,
  escalatedNote,
  escalationOutcomeModal,
  escalationPost,
  escalationSendingModal,
  messageLink,
  noticeModalText,
  packetText,
} from "../../render/index.js";
import { stringField } from "../../guards.js";
import type { BotContext } from "../bot-context.js";
import { slackErrorCode } from "../../guards.js";
import { logFailure } from "../log.js";
import { MODAL_CLAIM_TTL_MS } from "../modal-metadata.js";
import type { ModalMetadata } from "../modal-metadata.js";
import { readMetadata } from "../modal-metadata.js";

export interface SubmitArgs {
  ack: (response?: ViewResponseAction) => Promise<void>;
  body: Pick<ViewSubmitAction, "user" | "team">;
  view: Pick<ViewSubmitAction["view"], "id" | "private_metadata" | "state">;
  client: {
    chat: { postMessage: (args: ChatPostMessageArguments) => Promise<unknown> };
    views: { update: (args: ViewsUpdateArguments) => Promise<unknown> };
  };
  logger: Logger;
}

/** Slack errors that mean the original message or its thread is gone. */
const ORIGINAL_GONE = new Set(["thread_not_found", "message_not_found"]);
/**
 * Slack errors that mean the bot may not post in the original conversation: one it is
 * not in (the message shortcut works there), or a direct message between people.
 */
const NOT_A_MEMBER = new Set(["not_in_channel", "channel_not_found"]);

/**
 * The escalation modal submitted: empty required fields get field errors; otherwise the
 * modal shows "sending", the packet goes to the team's channel (once per modal, however
 * often it is submitted), a note goes in the original thread, and the modal says how
 * it went, with the packet to copy when it could not be posted.
 */
export function submitEscalation(bot: BotContext) {
  return async ({ ack, body, view, client, logger }: SubmitArgs): Promise<void> => {
    const values = view.state.values;
    const checked =
      values[ESCALATION_INPUTS.checked.block]?.[ESCALATION_INPUTS.checked.action]?.value ?? "";
    if (checked.trim() === "") {
      await ack({
        response_action: "errors",
        errors: { [ESCALATION_INPUTS.checked.block]: CHECKED_REQUIRED },
      });
      return;
    }
    const metadata = readMetadata(view.private_metadata);
    let escalation: Escalation | null;
    try {
      const input = metadata === null ? undefined : await bot.store.answers.get(metadata.key);
      escalation = input === undefined ? null : escalationOf(bot.engine.answer(input));
    } catch (error) {
      logFailure(logger, "reading the escalation to send", error);
      await ack({ response_action: "update", view: noticeModalText("Escalate", FRIENDLY_ERROR) });
      return;
    }
    const channel = escalation?.team.channel ?? null;
    if (metadata === null || escalation === null || channel === null) {
      await ack({
        response_action: "update",
        view: escalationOutcomeModal(escalation, { type: "expired" }),
      });
      return;
    }
    if (!(await bot.store.claimOnce(`escalation:${view.id}`, MODAL_CLAIM_TTL_MS))) {
      logger.info("an escalation modal was submitted again; it was not sent twice");
      await ack({
        response_action: "update",
        view: escalationOutcomeModal(escalation, { type: "already-sent" }),
      });
      return;
    }
    await ack({ response_action: "update", view: escalationSendingModal(escalation) });
    const choice = values[ESCALATION_INPUTS.urgency.block]?.[ESCALATION_INPUTS.urgency.action];
    const picked = choice?.selected_option?.value;
    const ticked =
      values[ESCALATION_INPUTS.collect.block]?.[ESCALATION_INPUTS.collect.action]
        ?.selected_options ?? [];
    const agentInput: EscalationInput = {
      agent: body.user.id,
      checked: maskCustomerText(checked),
      urgency: isUrgency(picked) ? picked : escalation.urgency,
      collected: ticked.flatMap((option) => escalation.collect[Number(option.value)] ?? []),
    };
    const outcome = await send(bot, client, logger, {
      escalation,
      channel,
      metadata,
      agentInput,
      domain: body.team?.domain ?? null,
    });
    await client.views
      .update({ view_id: view.id, view: escalationOutcomeModal(escalation, outcome) })
      .catch((error: unknown) => {
        logFailure(logger, "showing how the escalation went", error);
      });
  };
}

interface Sending {
  escalation: Escalation;
  channel: string;
  metadata: ModalMetadata;
  agentInput: EscalationInput;
  domain: string | null;
}

async function send(
  bot: BotContext,
  client: SubmitArgs["client"],
  logger: Logger,
  { escalation, channel, metadata, agentInput, domain }: Sending,
): Promise<EscalationOutcome> {
  const deleted = await originalWasDeleted(bot, metadata);
  const packet = packetText(escalation, deleted ? null : metadata.link, deleted);
  let postTs: string;
  try {
    const posted = await client.chat.postMessage({
      channel,
      ...escalationPost(escalation, packet, agentInput),
      unfurl_links: false,
      unfurl_media: false,
    });
    postTs = stringField(posted, "ts") ?? "";
  } catch (error) {
    logFailure(logger, `posting an escalation to ${escalation.team.id}`, error);
    return slackErrorCode(error) === "not_in_channel"
      ? { type: "not-in-channel", channel, packet }
      : { type: "failed", packet };
  }
  if (metadata.threadTs === null) return { type: "sent", channel, note: "no-thread" };
  if (deleted) {
    logger.info("the escalated message was deleted: no note left in its thread");
    return { type: "sent", channel, note: "original-deleted" };
  }
  try {
    await client.chat.postMessage({
      channel: metadata.channel,
      thread_ts: metadata.threadTs,
      ...escalatedNote(escalation, channel, agentInput.agent, messageLink(domain, channel, postTs)),
      unfurl_links: false,
      unfurl_media: false,
    });
    return { type: "sent", channel, note: "left" };
  } catch (error) {
    logFailure(logger, "noting an escalation in the original thread", error);
    const code = slackErrorCode(error);
    const note =
      code === null
        ? "failed"
        : ORIGINAL_GONE.has(code)
          ? "original-deleted"
          : NOT_A_MEMBER.has(code)
            ? "not-a-member"
            : "failed";
    return { type: "sent", channel, note };
  }
}

/** Whether the message the escalation is about, or the thread it was in, was deleted. */
async function originalWasDeleted(bot: BotContext, metadata: ModalMetadata): Promise<boolean> {
  const { threadTs } = metadata;
  if (threadTs === null) return false;
  const deletedHere = (ts: string) =>
    bot.store.replies.wasDeleted({ channel: metadata.channel, ts });
  return (await deletedHere(metadata.ts ?? threadTs)) || (await deletedHere(threadTs));
}
