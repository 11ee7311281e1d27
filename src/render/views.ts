/**
 * Block Kit for modals and the App Home tab, typed here so that rendering needs no Slack
 * SDK. Messages use the smaller subset in blocks.ts.
 */
import type { HeaderBlock } from "@slack/types";
import type { Block, ValueButton } from "./blocks.js";
import { LIMITS } from "./blocks.js";
import { truncate } from "./escape.js";

export interface PlainText {
  type: "plain_text";
  text: string;
  emoji: boolean;
}

export interface Option {
  text: PlainText;
  value: string;
}

export type InputElement =
  | {
      type: "plain_text_input";
      action_id: string;
      multiline: boolean;
      max_length: number;
      placeholder: PlainText;
    }
  | { type: "static_select"; action_id: string; options: Option[]; initial_option: Option }
  | { type: "checkboxes"; action_id: string; options: Option[] }
  | { type: "radio_buttons"; action_id: string; options: Option[] };

export type ViewBlock =
  | Block
  | HeaderBlock
  | {
      type: "input";
      block_id: string;
      label: PlainText;
      optional: boolean;
      element: InputElement;
    }
  | { type: "actions"; block_id: string; elements: ValueButton[] };

export interface ModalView {
  type: "modal";
  callback_id?: string;
  title: PlainText;
  submit?: PlainText;
  close: PlainText;
  private_metadata?: string;
  blocks: ViewBlock[];
}

export interface HomeView {
  type: "home";
  blocks: ViewBlock[];
}

/** Slack's limits for views. */
export const VIEW_LIMITS = {
  blocks: 100,
  title: 24,
  privateMetadata: 3000,
  optionText: 75,
  options: 10,
} as const;

export const plain = (text: string): PlainText => ({ type: "plain_text", text, emoji: false });

export const mrkdwnSection = (text: string): Block => ({
  type: "section",
  text: { type: "mrkdwn", text },
});

export const contextBlock = (text: string): Block => ({
  type: "context",
  elements: [{ type: "mrkdwn", text }],
});

/** Headings belong to the Home tab; answers in messages lead with their verdict instead. */
export const headerBlock = (text: string): HeaderBlock => ({
  type: "header",
  text: plain(truncate(text, LIMITS.headerText)),
});

/** A modal that only tells something and closes. */
export function noticeModal(title: string, blocks: ViewBlock[]): ModalView {
  return { type: "modal", title: plain(title), close: plain("Close"), blocks };
}

/** A modal that only says one thing. */
export const noticeModalText = (title: string, text: string): ModalView =>
  noticeModal(title, [mrkdwnSection(text)]);
