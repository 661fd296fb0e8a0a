// Shared set-up for the runner tests: the service fixtures' world, and commands typed as a user would.
import { parseCommand, type Command, type ParseContext } from '../../../core/commands';
import type { Actor } from '../../../core/domain';
import { runCommand, type Reply, type RunContext } from '../../../core/runner';
import { makeWorld, type World } from '../services/fixtures';

export { makeWorld, type World };

/** Thursday 26 Nov 2026, 10:00 in London (ISO week 2026-W48). */
export const NOW = new Date('2026-11-26T10:00:00Z');
export const ZONE = 'Europe/London';

/** Mentions as the Teams door hands them over: Nina has never talked to the bot; the others exist in the world. */
export const MENTIONS = {
  nina: { text: '@{29:nina|Nina Park}', id: '29:nina', name: 'Nina Park' },
  jane: { text: '@{u-owner|Jane}', id: 'u-owner', name: 'Jane' },
  ada: { text: '@{u-admin|Ada}', id: 'u-admin', name: 'Ada' },
};

export interface Where {
  now?: Date;
  channelId?: string;
  conversationRefId?: string;
  source?: RunContext['source'];
}

export function runContext(world: World, actor: Actor, where: Where = {}): RunContext {
  return { workspaceId: world.ws, actor, now: where.now ?? NOW, timeZone: ZONE, platform: 'teams', ...where };
}

/** Parses `text` as `actor` would type it in Teams; a parse error fails the test, it is not what is tested. */
export function parse(text: string, actor: Actor, now: Date = NOW): Command {
  const ctx: ParseContext = { now, timeZone: ZONE, platform: 'teams', userId: actor.userId };
  const { command, errors } = parseCommand(text, ctx);
  if (command === null || errors.length > 0) throw new Error(`"${text}" did not parse: ${JSON.stringify(errors)}`);
  return command;
}

/** Types `text` as `actor` and runs it. */
export function run(world: World, actor: Actor, text: string, where: Where = {}): Promise<Reply> {
  return runCommand(parse(text, actor, where.now), runContext(world, actor, where));
}

/** The reply, checked to be of `type` (the message says what came instead). */
export function expectType<T extends Reply['type']>(reply: Reply, type: T): Extract<Reply, { type: T }> {
  if (reply.type !== type) throw new Error(`expected a ${type} reply, got ${JSON.stringify(reply)}`);
  return reply as Extract<Reply, { type: T }>;
}

/** Runs `text` and returns its reply of `type`. */
export async function runFor<T extends Reply['type']>(world: World, actor: Actor, text: string, type: T, where: Where = {}): Promise<Extract<Reply, { type: T }>> {
  return expectType(await run(world, actor, text, where), type);
}
