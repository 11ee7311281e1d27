import type { Logger, RespondFn } from "@slack/bolt";
import type { ViewsOpenArguments } from "@slack/web-api";
import { FRIENDLY_ERROR, TRIGGER_EXPIRED } from "../render/index.js";
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
