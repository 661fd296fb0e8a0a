// The Teams door of the randomized wire test: plan steps as Bot Framework activities POSTed to
// /api/messages, and everything the bot sent back read off the Bot Connector stub.
import { checkCard } from '../../cards/card-checker';
import type { ConnectorStub } from '../connector-stub';
import { MARKER } from './hostile';
import type { Code, Conv, Step } from './plan';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const BOT = { id: '28:pmo-adversarial', name: 'PMO' };
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** A button the bot sent: its Action.Submit data and the ids of the inputs on its card. */
interface Pooled {
  data: Json;
  inputs: string[];
}

export const teamsTenant = (code: Code): string => `tenant-adv-${code}`;

export function teamsUser(code: Code, conv: Conv): { id: string; name: string } {
  if (conv === 'admin') return { id: `29:${code}-ada`, name: 'Ada Admin' };
  if (conv === 'scribe') return { id: `29:${code}-scribe`, name: 'Sam Scribe 🚀' };
  return { id: `29:${code}-bob`, name: `Bob\u202e ${code}\u0000` };
}

const conversationId = (code: Code, conv: Conv): string => (conv === 'channel' ? `19:chan-${code}@thread.tacv2` : `a:personal-${code}-${conv}`);

function cardParts(node: unknown, into: { submits: Json[]; inputs: string[] }): void {
  if (Array.isArray(node)) node.forEach((child) => cardParts(child, into));
  else if (isObject(node)) {
    if (node.type === 'Action.Submit' && isObject(node.data)) into.submits.push(node.data);
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') into.inputs.push(node.id);
    Object.values(node).forEach((child) => cardParts(child, into));
  }
}

export class TeamsWire {
  /** What must never happen, found while reading what the bot sent. */
  readonly problems: string[] = [];
  /** Activities sent, per workspace. */
  readonly sentTo = new Map<Code, number>();
  /** How much was exercised, for the log: cards checked, buttons pressed, presses with nothing to press yet. */
  readonly counts = { cards: 0, pressed: 0, nothingToPress: 0 };
  private readonly pool = new Map<string, Pooled[]>();
  private read = 0;
  private seq = 0;

  constructor(private readonly botUrl: string, private readonly serviceUrl: string, private readonly connector: ConnectorStub) {}

  /** A message activity from `conv`'s person in `code`'s tenant; a channel message @mentions the bot. */
  activity(code: Code, conv: Conv, extra: Json = {}): Json {
    const user = teamsUser(code, conv);
    const tenant = teamsTenant(code);
    const id = conversationId(code, conv);
    const channel = conv === 'channel';
    const bob = { type: 'mention', text: '<at>Bob</at>', mentioned: teamsUser(code, 'member') };
    const text = typeof extra.text === 'string' && channel ? `<at>PMO</at> ${extra.text}` : extra.text;
    return {
      type: 'message',
      id: `adv-${++this.seq}`,
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { ...user, aadObjectId: `aad-${user.id}` },
      recipient: BOT,
      conversation: { id, conversationType: channel ? 'channel' : 'personal', tenantId: tenant, ...(channel ? { isGroup: true } : {}) },
      channelData: { tenant: { id: tenant }, ...(channel ? { team: { id: `19:team-${code}`, name: `Team ${code}` }, channel: { id } } : {}) },
      entities: [bob, ...(channel ? [{ type: 'mention', text: '<at>PMO</at>', mentioned: BOT }] : [])],
      ...extra,
      ...(text === undefined ? {} : { text }),
    };
  }

  /** POSTs a body as JSON text (so `__proto__` arrives as a key); the status code. */
  async post(body: unknown): Promise<number> {
    const res = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    return res.status;
  }

  async send(step: Step): Promise<number> {
    const { ws, conv } = step;
    switch (step.type) {
      case 'say':
        return this.post(this.activity(ws, conv, { text: step.text }));
      case 'submit':
        return this.post(this.activity(ws, conv, { value: step.value, ...(step.text === undefined ? {} : { text: step.text }) }));
      case 'click': {
        const pool = this.pool.get(`${ws}:${conv}`) ?? this.pool.get(ws) ?? [];
        if (pool.length === 0) {
          this.counts.nothingToPress++;
          return this.post(this.activity(ws, conv, { text: 'help' }));
        }
        this.counts.pressed++;
        const { data, inputs } = pool[step.pick % pool.length];
        const given = Object.values(step.inputs ?? {});
        const filled = Object.fromEntries(inputs.map((id, i) => [id, given.length > 0 ? given[i % given.length] : '']));
        return this.post(this.activity(ws, conv, { value: { ...filled, ...(step.inputs ?? {}), ...data } }));
      }
      case 'close':
        return this.post(this.activity(ws, conv, { text: 'cancel' }));
      case 'odd': {
        return this.post(this.odd(step.ws, step.conv, step.variant, step.marker));
      }
    }
  }

  /** How many odd envelopes there are (variant numbers wrap around). */
  get oddCount(): number {
    return this.oddVariants('ta', 'admin', '').length;
  }

  /** Envelopes the door must refuse or take in its stride. */
  private odd(code: Code, conv: Conv, variant: number, marker: string): unknown {
    const variants = this.oddVariants(code, conv, marker);
    return variants[variant % variants.length]();
  }

  private oddVariants(code: Code, conv: Conv, marker: string): (() => unknown)[] {
    const a = this.activity(code, conv, { text: `help ${marker}` });
    return [
      () => ({ ...a, text: 42 }),
      () => ({ ...a, from: undefined }),
      () => ({ ...a, conversation: { id: { $ne: null }, tenantId: teamsTenant(code) } }),
      () => ({ ...a, conversation: { ...(a.conversation as Json), tenantId: teamsTenant(code === 'ta' ? 'tb' : 'ta') } }),
      () => ({ ...a, entities: 'mention' }),
      () => ({ ...a, type: 'conversationUpdate', text: undefined, membersAdded: [BOT, teamsUser(code, conv)] }),
      () => ({ ...a, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: marker, data: { $where: '1' } } } }),
      () => ({ ...a, type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }),
      () => ({ ...a, attachments: [{ contentType: ADAPTIVE, content: { $ne: null } }], text: '' }),
      () => ({ ...a, from: { id: teamsUser(code, conv).id, name: { $gt: '' } } }),
      () => ({ ...a, serviceUrl: 'https://evil.example/' }),
      () => [a, a],
      () => ({ ...a, type: '' }),
      () => ({ ...a, channelData: `${marker}` }),
      () => ({ ...a, id: 'x'.repeat(10_000) }),
      () => ({ ...a, timestamp: 'not a date', localTimestamp: { $ne: null } }),
      () => ({ ...a, text: undefined }),
      () => ({ ...a, type: 'invoke', name: 'fileConsent/invoke', value: { type: 'fileUpload', action: 'accept', context: { $ne: null } } }),
      () => ({ ...a, type: 'typing', text: undefined }),
      () => ({ ...a, type: 'installationUpdate', action: 'add', text: undefined }),
      () => ({ ...a, channelData: { tenant: { id: teamsTenant(code) }, team: { id: ['19:x'] } } }),
      () => ({ ...a, value: { verb: 'pmo.form.submit', command: 'risk', title: marker }, replyToId: { $ne: null } }),
    ];
  }

  /** Reads what the bot sent since the last call: where it went, leaks, card validity, buttons to press later. */
  collect(): void {
    const sent = this.connector.sent.slice(this.read);
    this.read += sent.length;
    for (const s of sent) {
      const code = (['ta', 'tb'] as const).find((c) => (['admin', 'member', 'channel', 'scribe'] as const).some((v) => s.conversationId.split(';')[0] === conversationId(c, v)));
      const text = JSON.stringify(s.activity);
      if (!code) {
        this.problems.push(`a Teams message went to a conversation of no test tenant: ${s.conversationId}: ${text.slice(0, 300)}`);
        continue;
      }
      this.sentTo.set(code, (this.sentTo.get(code) ?? 0) + 1);
      for (const [found, owner] of text.matchAll(MARKER)) {
        if (owner !== code) this.problems.push(`leak: ${found} (typed in ${owner}) in a reply to ${code}: ${text.slice(0, 400)}`);
      }
      const conv = (['admin', 'member', 'channel', 'scribe'] as const).find((v) => s.conversationId.split(';')[0] === conversationId(code, v))!;
      for (const attachment of s.activity.attachments ?? []) {
        if (attachment.contentType !== ADAPTIVE) continue;
        const card = attachment.content as unknown;
        this.counts.cards++;
        for (const problem of checkCard(card)) this.problems.push(`invalid Adaptive Card to ${code}: ${problem}`);
        const parts = { submits: [] as Json[], inputs: [] as string[] };
        cardParts(card, parts);
        for (const data of parts.submits) this.remember(code, conv, { data, inputs: parts.inputs });
      }
    }
  }

  private remember(code: Code, conv: Conv, pooled: Pooled): void {
    for (const key of [`${code}:${conv}`, code]) {
      const pool = this.pool.get(key) ?? [];
      pool.push(pooled);
      if (pool.length > 40) pool.shift();
      this.pool.set(key, pool);
    }
  }
}
