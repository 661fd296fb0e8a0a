// Minimal types for the Adaptive Card 1.5 elements our cards use, and tiny constructors for them.
import type { CardActionData } from './verbs';

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';

export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  horizontalAlignment?: 'left' | 'center' | 'right';
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: TextSize;
  weight?: 'lighter' | 'default' | 'bolder';
  color?: TextColor;
  isSubtle?: boolean;
  fontType?: 'default' | 'monospace';
  maxLines?: number;
  style?: 'default' | 'heading';
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Column extends ElementBase {
  type: 'Column';
  width?: 'auto' | 'stretch' | number;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
  items: CardElement[];
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
  selectAction?: SubmitAction;
}

export interface Container extends ElementBase {
  type: 'Container';
  style?: ContainerStyle;
  items: CardElement[];
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

interface InputBase extends ElementBase {
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface TextInput extends InputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
}

export interface NumberInput extends InputBase {
  type: 'Input.Number';
  value?: number;
  placeholder?: string;
  min?: number;
  max?: number;
}

export interface DateInput extends InputBase {
  type: 'Input.Date';
  value?: string;
  placeholder?: string;
  min?: string;
  max?: string;
}

export interface Choice {
  title: string;
  value: string;
}

export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  value?: string;
  placeholder?: string;
  style?: 'compact' | 'expanded' | 'filtered';
}

export type CardInput = TextInput | NumberInput | DateInput | ChoiceSetInput;
export type CardElement = TextBlock | FactSet | ColumnSet | Container | ActionSet | CardInput;

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: CardActionData;
  style?: 'default' | 'positive' | 'destructive';
  tooltip?: string;
  /** 'none' lets Cancel through without the client validating required inputs. */
  associatedInputs?: 'auto' | 'none';
}

export type CardAction = SubmitAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof CARD_SCHEMA;
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  /** Shown where the card cannot be rendered and in notifications. */
  fallbackText?: string;
}

export function adaptiveCard(body: CardElement[], actions: CardAction[] = [], fallbackText?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(fallbackText ? { fallbackText } : {}),
  };
}

/** A wrapping TextBlock; `text` must already be escaped (see `./text`). */
export function textBlock(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function column(items: CardElement[], width: Column['width'] = 'auto'): Column {
  return { type: 'Column', width, items };
}

export function submit(title: string, data: CardActionData, options: Omit<SubmitAction, 'type' | 'title' | 'data'> = {}): SubmitAction {
  return { type: 'Action.Submit', title, data, ...options };
}
