// Defaults a command takes from where and by whom it was typed, and what it still lacks.
import { isCreateItem, type Command, type CommandName, type ItemFields } from '../commands';
import { ITEM_KINDS, type ItemKind } from '../domain';
import { policyRules } from '../policy';
import { projectForChannel, toWorkspaceId } from '../services';
import { loadWorkspace } from '../services/context';
import { findItem } from '../services/item-store';
import { projectSource, requiredFields } from '../registers';
import type { RunContext } from './types';

const isItemKind = (name: string): name is ItemKind => (ITEM_KINDS as readonly string[]).includes(name);

/** Commands whose `project` defaults to the project the channel is linked to (SPEC §3). */
const PROJECT_DEFAULTED = new Set<CommandName>([...ITEM_KINDS, 'status', 'list', 'export']);

/** What each command cannot run without, in the order a dialog asks for it. */
export const REQUIRED_FIELDS: Partial<Record<CommandName, readonly string[]>> = {
  // A register item needs what its descriptor marks required (the one place that says so).
  ...Object.fromEntries(ITEM_KINDS.map((kind) => [kind, requiredFields(kind)])),
  status: ['project', 'rag'],
  project_add: ['key', 'title'],
  program_add: ['key', 'title'],
  portfolio_add: ['key', 'title'],
  link: ['project'],
  link_exec: ['portfolio'],
  role: ['user', 'role'],
};

/**
 * Fills what the context implies: a new item's `project` from the item it serves (an action's), else `project`
 * from the channel's linked project, and for a new item the owner (the person logging it). Given
 * values always win.
 */
export async function withDefaults(command: Command, ctx: RunContext): Promise<Command> {
  let filled: Command = command;
  const source = isCreateItem(filled) && !filled.project ? projectSource(filled.name) : undefined;
  const lender = source && (filled as ItemFields)[source.name];
  if (typeof lender === 'string' && lender) {
    const served = await findItem(toWorkspaceId(ctx.workspaceId), lender);
    if (served) filled = { ...filled, project: served.projectKey } as Command;
  }
  if (PROJECT_DEFAULTED.has(filled.name) && !('project' in filled && filled.project) && ctx.channelId) {
    const linked = await projectForChannel(ctx.workspaceId, ctx.channelId);
    if (linked) filled = { ...filled, project: linked.key } as Command;
  }
  if (isItemKind(filled.name) && !(filled as { owner?: unknown }).owner) {
    const owner = { platformUserId: ctx.actor.userId, ...(ctx.actor.displayName ? { displayName: ctx.actor.displayName } : {}) };
    filled = { ...filled, owner } as Command;
  }
  return filled;
}

/** The required fields `command` (as given) lacks once defaults are applied. */
export async function missingFields(command: Command, ctx: RunContext): Promise<string[]> {
  const filled = await withDefaults(command, ctx);
  return [...missingIn(filled), ...(await missingByPolicy(filled, ctx))];
}

/** An amber or red status without the reason (and, directive, the recovery date) the workspace's policy requires. */
async function missingByPolicy(command: Command, ctx: RunContext): Promise<string[]> {
  if (command.name !== 'status' || (command.rag !== 'amber' && command.rag !== 'red')) return [];
  const rule = policyRules((await loadWorkspace(ctx.workspaceId)).policy).statusReason;
  const missing: string[] = [];
  if (rule !== 'optional' && !command.reason) missing.push('reason');
  if (rule === 'required-with-recovery-date' && !command.recovery) missing.push('recovery');
  return missing;
}

/** The required fields a command with its defaults applied still lacks. */
export function missingIn(command: Command): string[] {
  const values = command as unknown as Record<string, unknown>;
  return (REQUIRED_FIELDS[command.name] ?? []).filter((field) => values[field] === undefined || values[field] === '');
}
