// The Block Kit objects our Slack messages and modals use, and the limits Slack enforces on them.

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}

export type TextObject = PlainText | Mrkdwn;

/** Any Block Kit block as JSON; the builders make the typed ones below, the checker reads anything. */
export type Block = Record<string, unknown>;

export interface SlackMessage {
  /** The notification and screen-reader line (mrkdwn, escaped). */
  text: string;
  blocks: Block[];
}

export interface SlackModalView {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  blocks: Block[];
}

export const BLOCK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  modalTitle: 24,
  buttonText: 75,
  actionId: 255,
  value: 2000,
  plainTextInputMax: 3000,
  options: 100,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  fields: 10,
  fieldText: 2000,
} as const;

/** The other limits the checker enforces (Slack's reference; option values as @slack/types states them). */
export const MORE_LIMITS = {
  blockId: 255,
  callbackId: 255,
  privateMetadata: 3000,
  modalButton: 24, // submit and close labels
  label: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 75,
  contextText: 3000,
  url: 3000,
  messageText: 4000, // Slack truncates `text` past 40,000; a notification line needs far less
} as const;

// The blocks and elements the builders make. Type aliases (not interfaces) so they stay assignable to Block.

export type ButtonElement = {
  type: 'button';
  text: PlainText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
};

export type OptionObject = { text: PlainText; value: string };

export type InputElement = (
  | { type: 'plain_text_input'; action_id: string; multiline?: boolean; initial_value?: string; max_length?: number; placeholder?: PlainText }
  | { type: 'number_input'; action_id: string; is_decimal_allowed: boolean; initial_value?: string; min_value?: string; max_value?: string; placeholder?: PlainText }
  | { type: 'datepicker'; action_id: string; initial_date?: string; placeholder?: PlainText }
  | { type: 'static_select'; action_id: string; options: OptionObject[]; initial_option?: OptionObject; placeholder?: PlainText }
) & { focus_on_load?: boolean }; // modals only, one element per view

export type HeaderBlock = { type: 'header'; text: PlainText; block_id?: string };
export type SectionBlock = { type: 'section'; text?: TextObject; fields?: TextObject[]; accessory?: ButtonElement; block_id?: string };
export type ContextBlock = { type: 'context'; elements: TextObject[]; block_id?: string };
export type ActionsBlock = { type: 'actions'; elements: ButtonElement[]; block_id?: string };
export type DividerBlock = { type: 'divider'; block_id?: string };
export type InputBlock = {
  type: 'input'; block_id: string; label: PlainText; element: InputElement; hint?: PlainText; optional?: boolean;
  /** The element sends block_actions when changed (a modal's kind picker switching its form). */
  dispatch_action?: boolean;
};

export type KnownBlock = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock | InputBlock;
