/** The command's name: the slash command in Slack, the command in a terminal, the bot's handle. */
export const COMMAND_NAME = "loyalty-code";
export const SLASH_COMMAND = `/${COMMAND_NAME}`;
