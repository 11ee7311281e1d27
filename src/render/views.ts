/**
 * Block Kit for modals and the App Home tab, typed here so that rendering needs no Slack
 * SDK. Messages use the smaller subset in blocks.ts.
 */
import type { Block, MessageButton } from "./blocks.js";

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
  | { type: "checkboxes"; action_id: string; options: Option[] };

export type ViewBlock =
  | Block
  | {
      type: "input";
      block_id: string;
      label: PlainText;
      optional: boolean;
      element: InputElement;
    }
  | { type: "actions"; block_id: string; elements: MessageButton[] };

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

export const headerBlock = (text: string): Block => ({ type: "header", text: plain(text) });

/** A modal that only tells something and closes. */
export function noticeModal(title: string, blocks: ViewBlock[]): ModalView {
  return { type: "modal", title: plain(title), close: plain("Close"), blocks };
}

/** A modal that only says one thing. */
export const noticeModalText = (title: string, text: string): ModalView =>
  noticeModal(title, [mrkdwnSection(text)]);
