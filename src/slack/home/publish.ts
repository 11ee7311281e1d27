import type { Logger } from "@slack/bolt";
import type { AppHomeOpenedEvent } from "@slack/types";
import type { ViewsPublishArguments } from "@slack/web-api";
import { homeView } from "../../render/index.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import { mostAsked } from "../usage.js";

/** A home tab is published at most this often per user. */
export const HOME_REFRESH_MS = 60 * 1000;

/** Codes listed under "most asked", and over how many days. */
const TOP_CODES = 10;
const TOP_DAYS = 7;

export interface HomeArgs {
  event: Pick<AppHomeOpenedEvent, "user" | "tab">;
  client: { views: { publish: (args: ViewsPublishArguments) => Promise<unknown> } };
  logger: Logger;
}

/** Opening the Home tab publishes it, at most once a minute per user. */
export function publishHome(bot: BotContext) {
  return async ({ event, client, logger }: HomeArgs): Promise<void> => {
    if (event.tab !== "home") return;
    // Claimed in the store, so that instances sharing it publish once a minute between them.
    if (!(await bot.store.claimOnce(`home:${event.user}`, HOME_REFRESH_MS))) return;
    try {
      const top = mostAsked(await bot.store.counters.totals(TOP_DAYS), TOP_CODES);
      await client.views.publish({ user_id: event.user, view: homeView(bot.engine.catalog, top) });
    } catch (error) {
      logFailure(logger, "publishing the home tab", error);
    }
  };
}
