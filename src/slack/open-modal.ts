import type { Logger, RespondFn } from "@slack/bolt";
import type { ViewsOpenArguments, ViewsPushArguments, ViewsUpdateArguments } from "@slack/web-api";
import { FRIENDLY_ERROR, TRIGGER_EXPIRED, noticeModalText } from "../render/index.js";
import { slackErrorCode } from "../guards.js";
import { logFailure } from "./log.js";

export interface ModalOpener {
  views: { open: (args: ViewsOpenArguments) => Promise<unknown> };
}

/**
 * Opens a modal; when Slack refuses (an expired trigger, most often), the user is told
 * through the response URL and the failure is logged.
 */
export async function openModal(
  client: ModalOpener,
  respond: RespondFn,
  logger: Logger,
  triggerId: string,
  view: ViewsOpenArguments["view"],
  what: string,
): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    logFailure(logger, `opening ${what}`, error);
    const text = slackErrorCode(error) === "expired_trigger_id" ? TRIGGER_EXPIRED : FRIENDLY_ERROR;
    await respond({
      response_type: "ephemeral",
      replace_original: false,
      text,
    }).catch((respondError: unknown) => {
      logFailure(logger, "telling the user the dialog could not open", respondError);
    });
  }
}

export interface ModalPusher {
  views: {
    push: (args: ViewsPushArguments) => Promise<unknown>;
    update: (args: ViewsUpdateArguments) => Promise<unknown>;
  };
}

/**
 * Pushes a modal onto the stack of the modal `parentViewId` (a button clicked in it);
 * when Slack refuses, the parent modal says so (a modal has no response URL) and the
 * failure is logged.
 */
export async function pushModal(
  client: ModalPusher,
  logger: Logger,
  triggerId: string,
  parentViewId: string,
  view: ViewsPushArguments["view"],
  what: string,
): Promise<void> {
  try {
    await client.views.push({ trigger_id: triggerId, view });
  } catch (error) {
    logFailure(logger, `opening ${what}`, error);
    const text = slackErrorCode(error) === "expired_trigger_id" ? TRIGGER_EXPIRED : FRIENDLY_ERROR;
    await client.views
      .update({ view_id: parentViewId, view: noticeModalText("Loyalty codes", text) })
      .catch((updateError: unknown) => {
        logFailure(logger, "telling the user the dialog could not open", updateError);
      });
  }
}
