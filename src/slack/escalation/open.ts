import type { BlockButtonAction, Logger, RespondFn } from "@slack/bolt";
import type { ModalView } from "../../render/index.js";
import { escalationOf } from "../../engine/index.js";
import {
  FRIENDLY_ERROR,
  escalationModal,
  escalationOutcomeModal,
  messageLink,
  noticeModalText,
  packetText,
} from "../../render/index.js";
import { isRecord, stringField } from "../../guards.js";
import { readEscalateRef } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import { readMetadata, writeMetadata } from "../modal-metadata.js";
import type { ModalOpener, ModalPusher } from "../open-modal.js";
import { openModal, pushModal } from "../open-modal.js";

export interface EscalateArgs {
  ack: () => Promise<void>;
  body: Pick<
    BlockButtonAction,
    "trigger_id" | "channel" | "message" | "container" | "team" | "view"
  >;
  action: Pick<BlockButtonAction["actions"][number], "value">;
  client: ModalOpener & ModalPusher;
  respond: RespondFn;
  logger: Logger;
}

/**
 * "Escalate" on an answer: opens the escalation modal with the packet; from the message
 * shortcut's modal, pushes it onto that modal's stack. The answer is rebuilt from its
 * held input (the store only, no Slack call) so that the modal opens well within Slack's
 * 3-second trigger window.
 */
export function openEscalation(bot: BotContext) {
  return async ({ ack, body, action, client, respond, logger }: EscalateArgs): Promise<void> => {
    await ack();
    let view: ModalView;
    try {
      view = await escalationView(bot, body, action.value, logger);
    } catch (error) {
      logFailure(logger, "preparing the escalation modal", error);
      view = noticeModalText("Escalate", FRIENDLY_ERROR);
    }
    if (body.view === undefined) {
      await openModal(client, respond, logger, body.trigger_id, view, "the escalation modal");
    } else {
      await pushModal(client, logger, body.trigger_id, body.view.id, view, "the escalation modal");
    }
  };
}

/** The escalation modal for a button's value, or why it cannot be escalated any more. */
async function escalationView(
  bot: BotContext,
  body: EscalateArgs["body"],
  value: string | undefined,
  logger: Logger,
): Promise<ModalView> {
  const ref = readEscalateRef(value);
  const input = ref === null ? undefined : await bot.store.answers.get(ref.key);
  const escalation = input === undefined ? null : escalationOf(bot.engine.answer(input));
  const where = ref === null ? null : originOf(body, ref.origin);
  if (ref === null || escalation === null || where === null) {
    logger.info("Escalate was clicked on an answer that is no longer held");
    return escalationOutcomeModal(null, { type: "expired" });
  }
  const { channel, threadTs, linked } = where;
  const link =
    linked === null ? null : messageLink(body.team?.domain ?? null, channel, linked, threadTs);
  const deleted = linked !== null && (await bot.store.replies.wasDeleted({ channel, ts: linked }));
  if (deleted) logger.info("Escalate was clicked on an answer whose message was deleted");
  const metadata = writeMetadata({
    key: ref.key,
    channel,
    ts: ref.origin,
    threadTs,
    link: deleted ? null : link,
  });
  return escalationModal(escalation, packetText(escalation, link, deleted), metadata);
}

/** The message an escalation is about: where its note goes, and what its link points to. */
interface Origin {
  channel: string;
  /** The thread for the note; null when there is none (a private answer). */
  threadTs: string | null;
  /** The message the packet links to. */
  linked: string | null;
}

/**
 * From the shortcut's modal, the message the shortcut was used on (the modal's metadata);
 * from a message, the thread of the answer, since a private answer has none.
 */
function originOf(body: EscalateArgs["body"], origin: string | null): Origin | null {
  if (body.view !== undefined) {
    const shortcut = readMetadata(body.view.private_metadata);
    if (shortcut === null) return null;
    return { channel: shortcut.channel, threadTs: shortcut.threadTs, linked: shortcut.ts };
  }
  const channel = body.channel?.id ?? stringField(body.container, "channel_id");
  if (channel === null) return null;
  const ephemeral = isRecord(body.container) && body.container.is_ephemeral === true;
  const answerTs = ephemeral ? null : (body.message?.ts ?? null);
  const threadTs = stringField(body.message, "thread_ts") ?? origin ?? answerTs;
  return { channel, threadTs, linked: origin ?? answerTs };
}
