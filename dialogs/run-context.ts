// Who, where and when for this turn: the bot sets it before running the dialogs; the dialogs read it.
import type { Activity, TurnContext } from 'botbuilder';
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

interface MentionEntity {
  type: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

/** Teams mention entities of the message, the bot itself left out (its own mention was stripped). */
export function mentionsOf(activity: Partial<Activity>): NonNullable<ParseContext['mentions']> {
  const botId = activity.recipient?.id;
  return ((activity.entities ?? []) as MentionEntity[])
    .filter((e) => e.type === 'mention' && typeof e.mentioned?.id === 'string' && e.mentioned.id !== botId)
    .map((e) => ({ text: e.text ?? '', id: e.mentioned?.id ?? '', name: e.mentioned?.name ?? '' }));
}

/** What the parser needs of this turn: the instant, the zone, the platform, the typist, the mentions. */
export function parseContextOf(turnContext: TurnContext): ParseContext {
  const ctx = getRunContext(turnContext);
  return {
    now: ctx.now,
    timeZone: ctx.timeZone,
    platform: ctx.platform,
    userId: ctx.actor.userId,
    ...(ctx.actor.displayName ? { userName: ctx.actor.displayName } : {}),
    mentions: mentionsOf(turnContext.activity),
  };
}
