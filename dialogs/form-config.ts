// What a guided form is made of: its command, its fields (required or optional, label, input type).
import type { FormFieldType } from '../core/view-models';
import type { Command, CommandName, FieldResult, HelpTopic, ParseContext } from '../core/commands';

/** Collected answers, by command property: strings, numbers and plain objects only (state is JSON). */
export type FormValues = Record<string, unknown>;

export interface FieldDef {
  name: string; // the command property, e.g. 'probability'
  label: string; // 'Probability'
  type: FormFieldType;
  question: string; // asked on the typed path: 'How likely is it?'
  allowed: string; // for help and the card's placeholder: 'a whole number from 1 to 5'
  required?: boolean;
  /** Optional, yet asked on the typed path (the user may answer skip). */
  ask?: boolean;
  choices?: readonly string[];
  min?: number;
  max?: number;
  /** Asked on the typed path only when this holds of the answers so far (a reason only for amber or red). */
  when?: (values: FormValues) => boolean;
  /** Optional or required by the workspace's policy (the runner's missingFields says which), so it may be refused a skip. */
  byPolicy?: boolean;
  /** Checked against the workspace once valid: the project or the item must exist. */
  exists?: 'project' | 'item';
}

export interface FormConfig {
  command: CommandName;
  topic: HelpTopic; // `help risk`, and the usage line the step help quotes
  title: string; // the card's heading: 'Log a risk'
  noun: string; // 'risk': 'Save this risk?'
  /** The confirmation's question when it is not `Save this <noun>?`. */
  confirmTitle?: string;
  fields: readonly FieldDef[];
  /** Save commands are confirmed first; `show` is not. Default true. */
  confirm?: boolean;
  /** Reads one answer when parseField alone cannot (update's field=value pairs). */
  parse?: (field: string, raw: string, values: FormValues, ctx: ParseContext) => FieldResult;
  /** The command from the values; default `{ name: command, ...values }`. */
  toCommand?: (values: FormValues) => Command;
  /** Where errors about fields the form does not list go (update: its field=value pairs). */
  catchAll?: string;
}

export const fieldOf = (config: FormConfig, name: string): FieldDef | undefined => config.fields.find((f) => f.name === name);
