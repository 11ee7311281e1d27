/**
 * Sends requests to the bot's /slack/events endpoint exactly as Slack does: signed with
 * the signing secret (v0 HMAC-SHA256 over "v0:<timestamp>:<raw body>"), slash commands
 * and interactions form-encoded, Events API callbacks as JSON.
 */
import { createHmac } from "node:crypto";
import { BOT_USER_ID, TEAM_ID } from "./fake-slack.js";

export const APP_ID = "A0LOYALTY";

export interface SlackTarget {
  port: number;
  signingSecret: string;
}

export interface SendOptions {
  /** Unix seconds; now unless given (a stale one tests replay protection). */
  timestamp?: number;
  /** Sign with this secret instead of the right one. */
  secret?: string;
  /** Send this exact x-slack-signature. */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackResponse {
  status: number;
  contentType: string | null;
  text: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
  /** Time from sending the request to having the whole response. */
  elapsedMs: number;
}

export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

type ContentType = "application/json" | "application/x-www-form-urlencoded";

/** The headers Slack sends with a request: content type, timestamp and signature. */
export function signedHeaders(
  secret: string,
  rawBody: string,
  contentType: ContentType,
  { timestamp = Math.floor(Date.now() / 1000) }: { timestamp?: number } = {},
): Record<string, string> {
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(secret, timestamp, rawBody),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
}

export async function postSigned(
  target: SlackTarget,
  rawBody: string,
  contentType: ContentType,
  options: SendOptions = {},
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers = signedHeaders(options.secret ?? target.signingSecret, rawBody, contentType, {
    timestamp,
  });
  if (options.signature !== undefined) headers["x-slack-signature"] = options.signature;
  if (options.retryNum !== undefined) headers["x-slack-retry-num"] = String(options.retryNum);
  if (options.retryReason !== undefined) headers["x-slack-retry-reason"] = options.retryReason;
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${target.port}/slack/events`, {
    method: "POST",
    headers,
    body: rawBody,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  const elapsedMs = performance.now() - started;
  let json: unknown;
  try {
    json = text === "" ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    text,
    json,
    elapsedMs,
  };
}

export function sendUrlVerification(
  target: SlackTarget,
  challenge: string,
  options: SendOptions = {},
): Promise<SlackResponse> {
  const body = JSON.stringify({ token: "legacy-token", challenge, type: "url_verification" });
  return postSigned(target, body, "application/json", options);
}

export interface SlashCommandFields {
  text: string;
  command?: string;
  user_id?: string;
  channel_id?: string;
  response_url?: string;
}

/** A slash command, form-encoded with every field Slack sends. */
export function sendSlashCommand(
  target: SlackTarget,
  fields: SlashCommandFields,
  options: SendOptions = {},
): Promise<SlackResponse> {
  return postSigned(target, slashCommandForm(fields), "application/x-www-form-urlencoded", options);
}

/** The form body of a slash command, with every field Slack sends. */
export function slashCommandForm(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: "legacy-token",
    team_id: TEAM_ID,
    team_domain: "fake",
    channel_id: fields.channel_id ?? "C0SUPPORT1",
    channel_name: "support",
    user_id: fields.user_id ?? "U0AGENT1",
    user_name: "agent",
    command: fields.command ?? "/loyalty-code",
    text: fields.text,
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: fields.response_url ?? "http://127.0.0.1:9/unused",
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  }).toString();
}

/** An interaction payload (block_actions and the like): form-encoded as payload=<json>. */
export function sendInteraction(
  target: SlackTarget,
  payload: Record<string, unknown>,
  options: SendOptions = {},
): Promise<SlackResponse> {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return postSigned(target, form.toString(), "application/x-www-form-urlencoded", options);
}

export interface ButtonClick {
  channel: string;
  user: string;
  responseUrl: string;
  actionId: string;
  value: string;
}

/** The block_actions payload Slack sends when a button in an ephemeral message is clicked. */
export function blockActionsPayload(click: ButtonClick): Record<string, unknown> {
  return {
    type: "block_actions",
    user: { id: click.user, username: "agent", name: "agent", team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: "legacy-token",
    container: {
      type: "message",
      message_ts: "1700000000.000001",
      channel_id: click.channel,
      is_ephemeral: true,
    },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    team: { id: TEAM_ID, domain: "fake" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: click.channel, name: "support" },
    response_url: click.responseUrl,
    actions: [
      {
        action_id: click.actionId,
        block_id: "x",
        text: { type: "plain_text", text: "Share in channel", emoji: false },
        value: click.value,
        type: "button",
        action_ts: "1",
      },
    ],
  };
}

let eventCounter = 0;

export function nextEventId(): string {
  eventCounter++;
  return `Ev0TEST${String(eventCounter).padStart(6, "0")}`;
}

let tsCounter = 0;

/** A fresh, unique message timestamp such as "1700000123.000042". */
export function nextTs(): string {
  tsCounter++;
  return `${1_700_000_000 + tsCounter}.${String(tsCounter).padStart(6, "0")}`;
}

/** The event_callback envelope around an event. */
export function eventEnvelope(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: "legacy-token",
    team_id: TEAM_ID,
    context_team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: TEAM_ID,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
  });
}

export interface SentEvent {
  eventId: string;
  response: SlackResponse;
}

/** Delivers an event; pass eventId to redeliver the same one (a retry). */
export async function sendEvent(
  target: SlackTarget,
  event: Record<string, unknown>,
  options: SendOptions & { eventId?: string } = {},
): Promise<SentEvent> {
  const eventId = options.eventId ?? nextEventId();
  const response = await postSigned(
    target,
    eventEnvelope(event, eventId),
    "application/json",
    options,
  );
  return { eventId, response };
}

interface UserEventFields {
  channel: string;
  text: string;
  user?: string;
  ts?: string;
  thread_ts?: string;
}

/** The fields a message and an app_mention event share. */
function userEvent(type: string, fields: UserEventFields): Record<string, unknown> {
  const ts = fields.ts ?? nextTs();
  return {
    type,
    channel: fields.channel,
    user: fields.user ?? "U0AGENT1",
    text: fields.text,
    ts,
    event_ts: ts,
    client_msg_id: `msg-${ts}`,
    team: TEAM_ID,
    ...(fields.thread_ts === undefined ? {} : { thread_ts: fields.thread_ts }),
  };
}

/** A user's message event (no subtype), as in a public channel. */
export function messageEvent(fields: UserEventFields): Record<string, unknown> {
  return { ...userEvent("message", fields), channel_type: "channel" };
}

/** An app_mention event. */
export function mentionEvent(fields: UserEventFields): Record<string, unknown> {
  return userEvent("app_mention", fields);
}

export const TRIGGER_ID = "13345224609.738474920.8088930838d88f008e0";

export interface ShortcutFields {
  channel: string;
  /** "directmessage" for a DM, "mpdm-…" for a group DM, the channel's name otherwise. */
  channelName?: string;
  user?: string;
  responseUrl: string;
  message: { ts: string; text?: string; thread_ts?: string; files?: unknown[] };
}

/** The message_action payload of the message shortcut "Explain loyalty codes". */
export function messageShortcutPayload(fields: ShortcutFields): Record<string, unknown> {
  return {
    type: "message_action",
    token: "legacy-token",
    action_ts: "1700000000.123456",
    team: { id: TEAM_ID, domain: "fake" },
    user: { id: fields.user ?? "U0AGENT1", username: "agent", name: "agent", team_id: TEAM_ID },
    channel: { id: fields.channel, name: fields.channelName ?? "support" },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: "explain_loyalty_codes",
    trigger_id: TRIGGER_ID,
    response_url: fields.responseUrl,
    message_ts: fields.message.ts,
    message: { type: "message", user: "U0ENGINEER", ...fields.message },
  };
}

export interface MessageButtonClick {
  channel: string;
  /** The ts of the bot's message the button is on, and its thread if it is a reply. */
  messageTs: string;
  threadTs?: string;
  ephemeral?: boolean;
  user?: string;
  responseUrl: string;
  actionId: string;
  value: string;
}

/** block_actions for a button on a message: in a thread reply, at the top, or ephemeral. */
export function messageButtonPayload(click: MessageButtonClick): Record<string, unknown> {
  const ephemeral = click.ephemeral ?? false;
  return {
    type: "block_actions",
    user: { id: click.user ?? "U0AGENT1", username: "agent", name: "agent", team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: "legacy-token",
    container: {
      type: "message",
      message_ts: click.messageTs,
      channel_id: click.channel,
      is_ephemeral: ephemeral,
    },
    trigger_id: TRIGGER_ID,
    team: { id: TEAM_ID, domain: "fake" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: click.channel, name: "support" },
    ...(ephemeral
      ? {}
      : {
          message: {
            type: "message",
            bot_id: "BBOT",
            ts: click.messageTs,
            text: "answer",
            ...(click.threadTs === undefined ? {} : { thread_ts: click.threadTs }),
          },
        }),
    response_url: click.responseUrl,
    actions: [
      {
        action_id: click.actionId,
        block_id: "x",
        text: { type: "plain_text", text: "button", emoji: false },
        value: click.value,
        type: "button",
        action_ts: "1",
      },
    ],
  };
}

/** A modal as Slack echoes it back in interactions: its id, metadata and input state. */
export interface ViewFields {
  id: string;
  callbackId: string;
  privateMetadata: string;
  values?: Record<string, Record<string, unknown>>;
  user?: string;
}

function viewOutput(view: ViewFields): Record<string, unknown> {
  return {
    id: view.id,
    team_id: TEAM_ID,
    type: "modal",
    callback_id: view.callbackId,
    private_metadata: view.privateMetadata,
    blocks: [],
    state: { values: view.values ?? {} },
    hash: "1700000000.hash",
    title: { type: "plain_text", text: "Modal" },
    close: null,
    submit: null,
    root_view_id: view.id,
    previous_view_id: null,
    app_id: APP_ID,
    bot_id: "BBOT",
    clear_on_close: false,
    notify_on_close: false,
  };
}

/** block_actions for a button inside a modal. */
export function viewButtonPayload(
  view: ViewFields,
  action: { actionId: string; value: string },
): Record<string, unknown> {
  return {
    type: "block_actions",
    user: { id: view.user ?? "U0AGENT1", username: "agent", name: "agent", team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: "legacy-token",
    container: { type: "view", view_id: view.id },
    trigger_id: TRIGGER_ID,
    team: { id: TEAM_ID, domain: "fake" },
    is_enterprise_install: false,
    view: viewOutput(view),
    actions: [
      {
        action_id: action.actionId,
        block_id: "x",
        text: { type: "plain_text", text: "button", emoji: false },
        value: action.value,
        type: "button",
        action_ts: "1",
      },
    ],
  };
}

/** The view_submission payload of a modal's submit button. */
export function viewSubmissionPayload(view: ViewFields): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: TEAM_ID, domain: "fake" },
    user: { id: view.user ?? "U0AGENT1", username: "agent", name: "agent", team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: "legacy-token",
    trigger_id: TRIGGER_ID,
    view: viewOutput(view),
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** A user's message in their DM with the bot (message.im). */
export function directMessageEvent(fields: UserEventFields): Record<string, unknown> {
  return { ...userEvent("message", fields), channel_type: "im" };
}

/** message_changed: a message edited from `previousText` to `text` (or to a tombstone). */
export function messageChangedEvent(fields: {
  channel: string;
  ts: string;
  text: string;
  previousText: string;
  tombstone?: boolean;
}): Record<string, unknown> {
  const eventTs = nextTs();
  const message = {
    type: "message",
    user: "U0ENGINEER",
    text: fields.text,
    ts: fields.ts,
    ...(fields.tombstone === true ? { subtype: "tombstone", hidden: true } : {}),
    edited: { user: "U0ENGINEER", ts: eventTs },
  };
  return {
    type: "message",
    subtype: "message_changed",
    hidden: true,
    channel: fields.channel,
    channel_type: "channel",
    ts: eventTs,
    event_ts: eventTs,
    message,
    previous_message: {
      type: "message",
      user: "U0ENGINEER",
      text: fields.previousText,
      ts: fields.ts,
    },
  };
}

/** message_deleted: a message removed from a channel. */
export function messageDeletedEvent(fields: {
  channel: string;
  ts: string;
}): Record<string, unknown> {
  const eventTs = nextTs();
  return {
    type: "message",
    subtype: "message_deleted",
    hidden: true,
    channel: fields.channel,
    channel_type: "channel",
    ts: eventTs,
    event_ts: eventTs,
    deleted_ts: fields.ts,
    previous_message: { type: "message", user: "U0ENGINEER", text: "deleted", ts: fields.ts },
  };
}

/** app_home_opened for a user opening the bot's Home or Messages tab. */
export function appHomeOpenedEvent(
  user: string,
  tab: "home" | "messages",
): Record<string, unknown> {
  const eventTs = nextTs();
  return { type: "app_home_opened", user, channel: "D0HOME0001", tab, event_ts: eventTs };
}
