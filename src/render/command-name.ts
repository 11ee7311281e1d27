/** The command's name: the slash command in Slack, the command in a terminal, the bot's handle. */
export const COMMAND_NAME = "loyalty-code";
/** How to ask in slash-command answers and DMs. */
export const SLASH_COMMAND = `/${COMMAND_NAME}`;
/** How to ask in threads and mentions, where Slack allows no slash command. */
export const MENTION_COMMAND = `@${COMMAND_NAME}`;
