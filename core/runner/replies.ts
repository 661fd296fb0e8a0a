// Building replies: refusals from services and parser errors become 'error' replies naming the field.
import type { FieldError } from '../commands';
import { COMMAND_FIELD_OF_STORED } from '../registers';
import { PmoError } from '../services';
import type { Reply } from './types';

/**
 * Services name some inputs by their stored field; dialogs re-ask by the command's field. Only
 * the names that differ are listed; the register kinds' ones come from their descriptors.
 */
const COMMAND_FIELD: Record<string, string> = {
  ...COMMAND_FIELD_OF_STORED,
  projectKey: 'project',
  ownerId: 'owner',
  reviewDate: 'review',
  overall: 'rag',
  timeZone: 'timezone',
  name: 'title',
  pmId: 'pm',
  programKey: 'program',
  portfolioKey: 'portfolio',
  itemKey: 'item',
};

export function commandField(serviceField: string | undefined): string | undefined {
  if (serviceField === undefined) return undefined;
  return COMMAND_FIELD[serviceField] ?? serviceField;
}

export function errorReply(message: string, options: { field?: string; hint?: string; detail?: string } = {}): Reply {
  const view = { message, ...(options.detail ? { detail: options.detail } : {}), ...(options.hint ? { hint: options.hint } : {}) };
  return options.field === undefined ? { type: 'error', view } : { type: 'error', view, field: options.field };
}

/** A refusal the user should read, with the field at fault in the command's own terms. */
export function pmoErrorReply(err: PmoError, hint?: string): Reply {
  return errorReply(err.message, { field: commandField(err.field), hint: err.code === 'invalid' ? hint : undefined });
}

/** The parser's errors as one reply (adapters show it when `parseCommand` refused the text). */
export function parseErrorsReply(errors: readonly FieldError[], helpTopic?: string): Reply {
  const [first, ...rest] = errors;
  const message = first?.message ?? 'I did not understand that.';
  const detail = rest.map((e) => `• ${e.message}`).join('\n');
  const hint = `Type help${helpTopic ? ` ${helpTopic}` : ''} for examples.`;
  return errorReply(message, { field: first?.field || undefined, detail, hint });
}

export function text(text: string): Reply {
  return { type: 'text', text };
}

/** 'a', 'b' and 'c'. */
export function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
