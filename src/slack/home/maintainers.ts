import type { Logger } from "@slack/bolt";
import type { UsergroupsUsersListArguments } from "@slack/web-api";
import { isRecord } from "../../guards.js";
import { logFailure } from "../log.js";

/** The part of the Web API client that reads a user group's members (usergroups:read). */
export interface UsergroupReader {
  usergroups: { users: { list: (args: UsergroupsUsersListArguments) => Promise<unknown> } };
}

/** How long a read of the group's members is trusted: a change shows within this. */
export const MAINTAINERS_MAX_AGE_MS = 5 * 60 * 1000;
/** Members kept from one read; a larger group is cut here (and the cut is logged). */
export const MAINTAINERS_MAX_MEMBERS = 1000;

/**
 * Who is in the maintainers' user group, read from Slack at most once per
 * MAINTAINERS_MAX_AGE_MS and kept as one list of at most MAINTAINERS_MAX_MEMBERS ids. A
 * read that fails is logged and answers "not a maintainer" (the normal Home tab), and is
 * not kept, so the next opening tries again.
 */
export class MaintainersGroup {
  private members: ReadonlySet<string> | null = null;
  private readAt = 0;

  constructor(
    readonly usergroup: string,
    private readonly now: () => number = Date.now,
  ) {}

  async includes(user: string, client: UsergroupReader, logger: Logger): Promise<boolean> {
    if (this.members === null || this.now() - this.readAt > MAINTAINERS_MAX_AGE_MS) {
      try {
        this.members = await this.read(client, logger);
        this.readAt = this.now();
      } catch (error) {
        logFailure(
          logger,
          `reading the members of the maintainers' group ${this.usergroup}`,
          error,
        );
        return false;
      }
    }
    return this.members.has(user);
  }

  private async read(client: UsergroupReader, logger: Logger): Promise<ReadonlySet<string>> {
    const reply = await client.usergroups.users.list({ usergroup: this.usergroup });
    const users = isRecord(reply) && Array.isArray(reply.users) ? (reply.users as unknown[]) : [];
    const ids = users.filter((user): user is string => typeof user === "string");
    if (ids.length > MAINTAINERS_MAX_MEMBERS) {
      logger.warn(
        `the maintainers' group ${this.usergroup} has ${String(ids.length)} members; only the first ${String(MAINTAINERS_MAX_MEMBERS)} see the report's figures`,
      );
    }
    return new Set(ids.slice(0, MAINTAINERS_MAX_MEMBERS));
  }
}
