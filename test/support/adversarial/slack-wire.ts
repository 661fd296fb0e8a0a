// The Slack door of the randomized wire test: plan steps as signed requests to /slack/events, and
// everything the bot sent read off the Web API stub (by token) and the response_url host (by id).
import { checkLimits, checkMessage, checkModal, type SlackModalView } from '../../../cards/blocks';
import type { SlackApiStub } from '../slack-api-stub';
import type { RunningSlackBot } from '../slack-harness';
import { closedPayload, type Where } from '../slack-requests';
import { MARKER } from './hostile';
import type { Code, Conv, OddStep, Step } from './plan';
import { oddSlackRequest } from './slack-odd';
import { interaction, stateFor, type ViewRef } from './slack-payloads';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A button the bot sent (in a message, or in a modal), or a form modal to submit. */
interface Pooled {
  button?: { action_id: string; value: string };
  view?: ViewRef;
  channel?: string;
}

export const slackTeam = (code: Code): string => `T${code.toUpperCase()}ADV`;
export const slackToken = (code: Code): string => `xoxb-adv-${code}`;

export function slackWhere(code: Code, conv: Conv): Where {
  const team = slackTeam(code);
  const user = `U${code.toUpperCase()}${conv === 'admin' ? 'ADA' : conv === 'scribe' ? 'SCR' : 'BOB'}`;
  return conv === 'channel' ? { team, user, channel: `C${code.toUpperCase()}GEN`, channelName: 'general' } : { team, user };
}

/** Slack escapes &, < and > in what people type; real mentions (`<@U…>`) arrive as they are. */
export function slackEscape(text: string): string {
  return text.split(/(<@U[A-Z0-9]+>)/).map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))).join('');
}

function blocksButtons(blocks: unknown): { action_id: string; value: string }[] {
  const found: { action_id: string; value: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      if (node.type === 'button' && typeof node.action_id === 'string' && typeof node.value === 'string') found.push({ action_id: node.action_id, value: node.value });
      Object.values(node).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

export class SlackWire {
  readonly problems: string[] = [];
  readonly sentTo = new Map<Code, number>();
  /** How much was exercised, for the log. */
  readonly counts = { messages: 0, modals: 0, pressed: 0, submitted: 0, nothingToPress: 0 };
  private readonly responseIds = new Map<string, Code>();
  private readonly pool = new Map<Code, Pooled[]>();
  private read = 0;
  private seq = 0;

  constructor(private readonly bot: RunningSlackBot, private readonly stub: SlackApiStub) {}

  /** A response_url on the stub whose id names the workspace. */
  private responseUrl(code: Code): string {
    return this.stub.responseUrl(`${code}-r${++this.seq}`);
  }

  /** `/pmo <text>` as typed by `where`'s person of workspace `code`. */
  async command(code: Code, text: string, where: Where): Promise<number> {
    const sent = await this.bot.sender.command(slackEscape(text), where);
    this.responseIds.set(sent.responseId, code);
    return sent.res.status;
  }

  async send(step: Step): Promise<number> {
    const where = slackWhere(step.ws, step.conv);
    switch (step.type) {
      case 'say':
        if (step.via === 'dm' && !where.channel) return (await this.bot.sender.dm(step.text, where)).res.status;
        if (step.via === 'mention' && where.channel) return (await this.bot.sender.mention(step.text, { ...where, channel: where.channel })).res.status;
        return this.command(step.ws, step.text, where);
      case 'submit': {
        const value = isObject(step.value) ? JSON.stringify(step.value) : typeof step.value === 'string' ? step.value : JSON.stringify(step.value);
        const verb = isObject(step.value) && typeof step.value.verb === 'string' ? step.value.verb : 'pmo.form.submit';
        const state = isObject(step.value) ? stateFor([], step.value) : {};
        return (await this.bot.sender.interaction(interaction(where, { action_id: `${verb}:0`, value }, { responseUrl: this.responseUrl(step.ws), state }))).status;
      }
      case 'click': {
        const pool = this.pool.get(step.ws) ?? [];
        if (pool.length === 0) {
          this.counts.nothingToPress++;
          return this.command(step.ws, 'help', where);
        }
        const { button, view, channel } = pool[step.pick % pool.length];
        const state = stateFor(view?.blocks ?? [], step.inputs ?? {});
        this.counts[button ? 'pressed' : 'submitted']++;
        if (button) {
          const at = channel && channel.startsWith('C') === Boolean(where.channel) ? { ...where, channel } : where;
          return (await this.bot.sender.interaction(interaction(at, button, { responseUrl: this.responseUrl(step.ws), state, view }))).status;
        }
        return (await this.bot.sender.interaction({ ...interaction(where, undefined, { view, state }), type: 'view_submission' })).status;
      }
      case 'close': {
        const views = (this.pool.get(step.ws) ?? []).filter((p) => p.view);
        const view = views.length > 0 ? views[step.pick % views.length].view! : { id: 'V-NONE', private_metadata: '' };
        return (await this.bot.sender.interaction(closedPayload(where, view))).status;
      }
      case 'odd':
        return this.odd(step, where);
    }
  }

  private async odd(step: OddStep, where: Where): Promise<number> {
    const request = oddSlackRequest(step, where, this.responseUrl(step.ws));
    return (await this.bot.sender.send(request.body, request.contentType)).status;
  }

  private workspaceOf(method: string, token: string | undefined, args: Json): Code | undefined {
    if (method === 'response_url') {
      const id = String(args.responseUrlId);
      return this.responseIds.get(id) ?? (['sa', 'sb'] as const).find((c) => id.startsWith(`${c}-`));
    }
    return (['sa', 'sb'] as const).find((c) => token === slackToken(c));
  }

  /** Reads the calls since the last time: where they went, leaks, Block Kit limits, buttons and forms for later. */
  collect(): void {
    const calls = this.stub.calls.slice(this.read);
    this.read += calls.length;
    for (const call of calls) {
      if (call.method === 'oauth.v2.access') continue; // the installs, before any turn
      const text = JSON.stringify(call.args);
      if (call.method === 'upload') {
        const owners = new Set([...text.matchAll(MARKER)].map((m) => m[1]));
        if (owners.size > 1) this.problems.push(`leak: one uploaded file holds text of ${[...owners].join(' and ')}`);
        continue;
      }
      const code = this.workspaceOf(call.method, call.token, call.args);
      if (!code) {
        this.problems.push(`a Slack call of no test workspace: ${call.method} ${text.slice(0, 300)}`);
        continue;
      }
      this.sentTo.set(code, (this.sentTo.get(code) ?? 0) + 1);
      for (const [found, owner] of text.matchAll(MARKER)) {
        if (owner !== code) this.problems.push(`leak: ${found} (typed in ${owner}) in ${call.method} to ${code}: ${text.slice(0, 400)}`);
      }
      this.check(code, call.method, call.args);
    }
  }

  private check(code: Code, method: string, args: Json): void {
    const problems: string[] = [];
    const channel = typeof args.channel === 'string' ? args.channel : undefined;
    if (Array.isArray(args.blocks)) {
      this.counts.messages++;
      problems.push(...checkMessage({ text: String(args.text ?? ''), blocks: args.blocks as Json[] }));
      for (const button of blocksButtons(args.blocks)) this.remember(code, { button, channel });
    }
    if (isObject(args.view)) {
      const view = args.view as unknown as SlackModalView & { type: string };
      this.counts.modals++;
      problems.push(...(view.type === 'modal' ? checkModal(view) : checkLimits('modal', view.blocks)));
      if (view.type === 'modal') {
        const ref: ViewRef = { id: typeof args.view_id === 'string' ? args.view_id : `V-${code}-${++this.seq}`, private_metadata: view.private_metadata, callback_id: view.callback_id, title: view.title, blocks: view.blocks };
        if (view.blocks.some((b) => b.type === 'input')) this.remember(code, { view: ref });
        for (const button of blocksButtons(view.blocks)) this.remember(code, { button, view: ref });
      }
    }
    for (const problem of problems) this.problems.push(`invalid Block Kit in ${method} to ${code}: ${problem}`);
  }

  private remember(code: Code, pooled: Pooled): void {
    const pool = this.pool.get(code) ?? [];
    pool.push(pooled);
    if (pool.length > 60) pool.shift();
    this.pool.set(code, pool);
  }
}
