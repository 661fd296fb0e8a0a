// Who, where and when for this turn: the bot sets it before running the dialogs; the dialogs read it.
import type { TurnContext } from 'botbuilder';
import type { ParseContext } from '../core/commands';
import type { RunContext } from '../core/runner/types';

export const RUN_CONTEXT_KEY = Symbol('pmo.runContext');

export function setRunContext(turnContext: TurnContext, ctx: RunContext): void {
  turnContext.turnState.set(RUN_CONTEXT_KEY, ctx);
}

export function getRunContext(turnContext: TurnContext): RunContext {
  const ctx = turnContext.turnState.get(RUN_CONTEXT_KEY) as RunContext | undefined;
  if (ctx === undefined) {
    throw new Error('no RunContext on this turn: the bot must call setRunContext(turnContext, ctx) before running the dialogs');
  }
  return ctx;
}

/** What the parser needs of this turn: the instant, the zone, the platform, the typist (mentions arrive in the text as `@{id|name}`). */
export function parseContextOf(turnContext: TurnContext): ParseContext {
  const ctx = getRunContext(turnContext);
  return {
    now: ctx.now,
    timeZone: ctx.timeZone,
    platform: ctx.platform,
    userId: ctx.actor.userId,
    ...(ctx.actor.displayName ? { userName: ctx.actor.displayName } : {}),
  };
}
