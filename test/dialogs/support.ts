// Shared by the dialog tests: a presenter that renders to one readable line, a world, and a chat driver.
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import type { ConfirmationView, FormView } from '../../core/view-models';
import type { Actor, ItemKind } from '../../core/domain';
import type { Reply, RunContext } from '../../core/runner';
import { listItems } from '../../core/services';
import type { DialogDeps } from '../../dialogs/dialog-deps';
import type { Presenter } from '../../dialogs/presenter';
import { createDialogs } from '../../dialogs/root.dialog';
import { setRunContext } from '../../dialogs/run-context';
import { makeWorld, type World } from '../core/services/fixtures';

/** Tuesday 10 March 2026, 10:00 in London: `2026-03-01` is past, `2026-04-30` ahead. */
export const NOW = new Date('2026-03-10T10:00:00Z');
export const ZONE = 'Europe/London';

/** Every activity as one line: `Asking probability: …`, `Confirm: title=…`, `Saved R-1 …`. */
export class TextPresenter implements Presenter {
  reply(reply: Reply): Partial<Activity> {
    return { type: 'message', text: replyText(reply) };
  }

  form(view: FormView, prompt: string): Partial<Activity> {
    return { type: 'message', text: `Asking ${view.asking ?? view.fields[0]?.id}: ${prompt}` };
  }

  confirmation(view: ConfirmationView): Partial<Activity> {
    const filled = view.fields.filter((f) => f.value !== '').map((f) => `${f.id}=${f.value}`);
    return { type: 'message', text: `Confirm: ${filled.join(', ')}${view.note ? ` (${view.note})` : ''}` };
  }

  text(text: string): Partial<Activity> {
    return { type: 'message', text };
  }
}

function replyText(reply: Reply): string {
  switch (reply.type) {
    case 'saved':
      return `${reply.view.outcome === 'created' ? 'Saved' : reply.view.outcome} ${reply.view.item.key} ${reply.view.item.title}${reply.view.note ? ` (${reply.view.note})` : ''}`;
    case 'item':
      return `Item ${reply.view.key} ${reply.view.title}`;
    case 'status':
      return `Status ${reply.view.project} ${reply.view.overall}`;
    case 'error':
      return `Error${reply.field ? ` [${reply.field}]` : ''}: ${reply.view.message}`;
    case 'text':
      return reply.text;
    case 'help':
      return `Help: ${reply.view.title}`;
    case 'list':
      return `List ${reply.view.total}`;
    case 'file':
      return `File ${reply.filename}`;
    case 'mine':
      return `Mine ${reply.view.overdueTotal} overdue`;
  }
}

/** Sets this turn's RunContext, as the bot does before running the dialogs. */
export function runContextMiddleware(ctx: () => RunContext): Middleware {
  return {
    onTurn: async (turnContext: TurnContext, next: () => Promise<void>) => {
      setRunContext(turnContext, ctx());
      await next();
    },
  };
}

export function runContextFor(world: World, actor: Actor, extra: Partial<RunContext> = {}): RunContext {
  return { workspaceId: world.ws, actor, now: NOW, timeZone: ZONE, platform: 'teams', ...extra };
}

export interface ChatOptions {
  actor?: (world: World) => Actor;
  deps?: Partial<DialogDeps>;
  dialog?: (deps: DialogDeps) => Dialog;
  extra?: Partial<RunContext>;
}

export interface Chat {
  world: World;
  client: DialogTestClient;
  /** Everything the bot sends back to one message, one line per activity. */
  say(input: string | Partial<Activity>): Promise<string[]>;
  /** The last activities, whole (for the card tests). */
  last: Partial<Activity>[];
}

/** A fresh workspace (so keys start at R-1) with APOLLO, and a client on the root dialog (or `dialog`). */
export async function startChat(options: ChatOptions = {}): Promise<Chat> {
  const world = await makeWorld({ timeZone: ZONE });
  const deps: DialogDeps = { presenter: new TextPresenter(), ...options.deps };
  const dialog = options.dialog ? options.dialog(deps) : createDialogs(deps).root;
  const actor = options.actor?.(world) ?? world.owner;
  const client = new DialogTestClient('msteams', dialog, null, [runContextMiddleware(() => runContextFor(world, actor, options.extra))]);
  const chat: Chat = {
    world,
    client,
    last: [],
    async say(input) {
      const activity = typeof input === 'string' ? { type: 'message', text: input } : { type: 'message', ...input };
      const first = await client.sendActivity(activity);
      const all: Partial<Activity>[] = first === undefined ? [] : [first];
      for (let next = client.getNextReply(); next !== undefined; next = client.getNextReply()) all.push(next);
      chat.last = all;
      return all.map((a) => a.text ?? '');
    },
  };
  return chat;
}

/** A row of a conversation table: what the user says, what each reply must match, the dialog's status after. */
export interface Turn {
  user: string | Partial<Activity>;
  bot: (string | RegExp)[];
  status?: 'waiting' | 'complete' | 'cancelled';
}

const matches = (line: string, want: string | RegExp): boolean => (typeof want === 'string' ? line.startsWith(want) : want.test(line));

/** Plays a table of turns, failing on the first reply that does not match (with the whole transcript). */
export async function play(chat: Chat, turns: readonly Turn[]): Promise<void> {
  const transcript: string[] = [];
  for (const turn of turns) {
    const lines = await chat.say(turn.user);
    transcript.push(`> ${typeof turn.user === 'string' ? turn.user : JSON.stringify(turn.user.value)}`, ...lines.map((l) => `< ${l}`));
    const ok = lines.length === turn.bot.length && turn.bot.every((want, i) => matches(lines[i], want));
    if (!ok) throw new Error(`unexpected reply to ${JSON.stringify(turn.user)}; expected ${turn.bot.map(String).join(' | ')}\n${transcript.join('\n')}`);
    if (turn.status !== undefined) expect(chat.client.dialogTurnResult.status).toBe(turn.status);
  }
}

/** Open and closed items of a kind in the chat's workspace. */
export async function itemCount(world: World, kind: ItemKind): Promise<number> {
  return (await listItems(world.ws, { kind, includeClosed: true }, NOW)).total;
}
