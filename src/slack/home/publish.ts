import type { Logger } from "@slack/bolt";
import type { AppHomeOpenedEvent } from "@slack/types";
import type { ViewsPublishArguments } from "@slack/web-api";
import { homeView } from "../../render/index.js";
import type { Report } from "../../report/report.js";
import { buildReport } from "../../report/report.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import { mostAsked } from "../usage.js";
import type { UsergroupReader } from "./maintainers.js";

/** A home tab is published at most this often per user. */
export const HOME_REFRESH_MS = 60 * 1000;

/** Codes listed under "most asked", and over how many days. */
const TOP_CODES = 10;
const TOP_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface HomeArgs {
  event: Pick<AppHomeOpenedEvent, "user" | "tab">;
  client: UsergroupReader & {
    views: { publish: (args: ViewsPublishArguments) => Promise<unknown> };
  };
  logger: Logger;
}

/**
 * Opening the Home tab publishes it, at most once a minute per user; members of the
 * maintainers' group see the report's figures for the last 7 days above it.
 */
export function publishHome(bot: BotContext) {
  return async ({ event, client, logger }: HomeArgs): Promise<void> => {
    if (event.tab !== "home") return;
    // Claimed in the store, so that instances sharing it publish once a minute between them.
    if (!(await bot.store.claimOnce(`home:${event.user}`, HOME_REFRESH_MS))) return;
    try {
      const top = mostAsked(await bot.store.counters.totals(TOP_DAYS), TOP_CODES);
      const figures = await maintainersReport(bot, event.user, client, logger);
      await client.views.publish({
        user_id: event.user,
        view: homeView(bot.engine.catalog, top, figures),
      });
    } catch (error) {
      logFailure(logger, "publishing the home tab", error);
    }
  };
}

/** The report of the last 7 days for a maintainer; null for anyone else, or when it cannot be read. */
async function maintainersReport(
  bot: BotContext,
  user: string,
  client: UsergroupReader,
  logger: Logger,
): Promise<Report | null> {
  if (bot.maintainers === null || !(await bot.maintainers.includes(user, client, logger))) {
    return null;
  }
  const until = Date.now();
  const since = until - TOP_DAYS * DAY_MS;
  try {
    return buildReport(await bot.store.records.since(since), since, until);
  } catch (error) {
    logFailure(logger, "reading the records for the maintainers' figures", error);
    return null;
  }
}
