// The randomized wire test's plan: who says or submits what, where, in which batch. Drawn from a
// seeded PRNG before anything is sent, so a seed names the same plan every time.
import { hostileValue, junkText, markerOf, typedTitle, INJECTIONS, nest } from './hostile';
import type { Prng } from './prng';

export type Code = 'ta' | 'tb' | 'sa' | 'sb';
export type Door = 'teams' | 'slack';
/** admin: the workspace's first user (its PMO admin); member: a plain member; channel: a team channel; scribe: only complete inline saves. */
export type Conv = 'admin' | 'member' | 'channel' | 'scribe';

export interface Workspace {
  code: Code;
  door: Door;
  /** A project only this workspace has; the other letter's is `foreign`. Both have SHARED. */
  own: string;
  foreign: string;
}

export const SHARED = 'APOLLO';
export const WORKSPACES: readonly Workspace[] = [
  { code: 'ta', door: 'teams', own: 'ALPHA', foreign: 'BRAVO' },
  { code: 'tb', door: 'teams', own: 'BRAVO', foreign: 'ALPHA' },
  { code: 'sa', door: 'slack', own: 'ALPHA', foreign: 'BRAVO' },
  { code: 'sb', door: 'slack', own: 'BRAVO', foreign: 'ALPHA' },
];
export const workspace = (code: Code): Workspace => WORKSPACES.find((w) => w.code === code)!;

/** A complete inline save whose title the test made: it must be stored once, exactly as `title`. */
export interface ScribeEntry {
  marker: string;
  kind: 'risk' | 'issue' | 'change';
  title: string;
  project: string;
  probability?: number;
  impact?: number;
}

interface At {
  ws: Code;
  conv: Conv;
  /** Marks everything this step types, so another workspace's replies can be searched for it. */
  marker: string;
}
/** A typed message; on Slack `via` says how it arrives (default: `/pmo`). */
export type SayStep = At & { type: 'say'; text: string; via?: 'command' | 'dm' | 'mention'; scribe?: ScribeEntry };
/** A card submit made up by the test (Teams `value`; Slack a block_actions button carrying it). */
export type SubmitStep = At & { type: 'submit'; value: unknown; text?: string };
/** A button or form the bot sent earlier in this workspace (`pick` chooses it), pressed with `inputs` filled in. */
export type ClickStep = At & { type: 'click'; pick: number; inputs?: Record<string, unknown> };
/** Slack: a modal the bot opened earlier, closed. */
export type CloseStep = At & { type: 'close'; pick: number };
/** A request the door must refuse or shrug off (variant chosen by the door). */
export type OddStep = At & { type: 'odd'; variant: number };
export type Step = SayStep | SubmitStep | ClickStep | CloseStep | OddStep;

const KINDS = ['risk', 'issue', 'change'] as const;
const COMMANDS = ['risk', 'issue', 'change', 'status', 'update', 'close', 'escalate', 'show', 'project_add', 'role', '__proto__', 'constructor', 'toString', '', 'RISK'];
export const FIELDS = [
  'title', 'description', 'probability', 'impact', 'project', 'owner', 'due', 'review', 'response', 'mitigation', 'priority', 'type',
  'status', 'resolution', 'rag', 'summary', 'key', 'decision', '$where', '__proto__', 'constructor', 'a.b', '$set', 'toString',
];
const VERBS = ['pmo.form.submit', 'pmo.confirm.save', 'pmo.confirm.edit', 'pmo.cancel', 'pmo.item.show', 'pmo.item.done', 'pmo.item.snooze', 'pmo.item.due', 'pmo.start', 'pmo.list.page'];

function project(r: Prng, w: Workspace): string {
  return r.weighted([[4, SHARED], [3, w.own], [1, w.foreign], [1, r.pick(['__proto__', 'constructor', '$where', 'a.b', 'R-1', '{"$ne": null}', 'x', 'apollo'])]]);
}

function key(r: Prng): string {
  if (r.chance(0.15)) return r.pick(['R-0', 'R-999999999', 'r1', 'R-1e3', 'R-__proto__', '$where', 'R-1;', '{"$ne": null}', 'constructor', 'I-', 'C-01']);
  return `${r.pick(['R', 'I', 'C', 'R', 'r'])}-${r.int(1, 12)}`;
}

const scale = (r: Prng): string => (r.chance(0.85) ? String(r.int(1, 5)) : r.pick(['0', '6', '3.5', '$where', '{"$ne":null}', '', 'three']));
const date = (r: Prng): string => r.pick(['next friday', '2026-12-31', '2026-02-31', 'yesterday', 'in 2 weeks', 'eom', '{"$gt":""}', '2025-01-01', '31/12/2026']);
const quoted = (s: string): string => `"${s.replace(/"/g, '')}"`;

function inlineSave(r: Prng, w: Workspace, marker: string): string {
  const kind = r.pick(KINDS);
  const title = r.chance(0.7) ? typedTitle(r, marker, w.door === 'teams').typed : junkText(r, marker);
  const fields: string[] = [];
  if (kind === 'risk') {
    if (r.chance(0.9)) fields.push(`p=${scale(r)}`);
    if (r.chance(0.9)) fields.push(`i=${scale(r)}`);
    if (r.chance(0.3)) fields.push(`response=${r.pick(['reduce', 'accept', '$where', 'avoid'])}`);
  }
  if (kind === 'issue' && r.chance(0.7)) fields.push(`priority=${r.pick(['low', 'high', 'critical', 'urgent', '__proto__'])}`);
  if (kind === 'change' && r.chance(0.6)) fields.push(`impact=${quoted(`${marker} ${r.pick(INJECTIONS)}`)}`);
  if (r.chance(0.8)) fields.push(`project=${project(r, w)}`);
  if (r.chance(0.25)) fields.push(`due=${date(r)}`);
  if (r.chance(0.2)) fields.push(`owner=${r.pick(['me', '@bob', w.door === 'teams' ? '<at>Bob</at>' : `<@U${w.code.toUpperCase()}BOB>`, '{"$ne": null}'])}`);
  if (r.chance(0.2)) fields.push(`description=${quoted(`${marker} ${r.pick(INJECTIONS)}`)}`);
  return `${kind} ${title} ${fields.join(' ')}`;
}

function update(r: Prng, marker: string): string {
  const value = r.weighted<() => string>([
    [3, () => `title=${quoted(`${marker} ${r.pick(INJECTIONS)}`)}`],
    [2, () => `p=${scale(r)}`],
    [1, () => `i=${scale(r)}`],
    [2, () => `status=${r.pick(['open', 'closed', 'mitigating', 'resolved', 'in progress', '$where', '__proto__'])}`],
    [1, () => `due=${date(r)}`],
    [1, () => `priority=${r.pick(['high', 'low', '{"$ne": null}'])}`],
    [1, () => `decision=${r.pick(['approved', 'rejected', 'pending', '$set'])}`],
    [1, () => `${r.pick(['constructor', 'toString', 'project', 'seq', 'workspaceId', 'key'])}=${marker}`],
    [1, () => `$set=${marker}`],
  ])();
  return `update ${key(r)} ${value}`;
}

/** A message as someone might type it: commands whole and bare, form answers, and junk. */
function message(r: Prng, w: Workspace, marker: string): string {
  return r.weighted<() => string>([
    [8, () => inlineSave(r, w, marker)],
    [3, () => `list ${r.pick(['risks', 'issues', 'changes', 'risk', 'r', '$where'])}${r.chance(0.3) ? ' mine' : ''}${r.chance(0.3) ? ' overdue' : ''}${r.chance(0.4) ? ` project=${project(r, w)}` : ''}`],
    [3, () => `show ${key(r)}`],
    [4, () => update(r, marker)],
    [2, () => `close ${key(r)}${r.chance(0.6) ? ` ${marker} ${r.pick(INJECTIONS)}` : ''}`],
    [2, () => `escalate ${key(r)}`],
    [2, () => r.pick(['status', `status ${project(r, w)}`, `status project=${project(r, w)} rag=${r.pick(['red', 'green', 'amber', 'purple'])} summary=${quoted(marker)}`])],
    [2, () => r.pick(['help', 'help risk', 'cancel', 'help __proto__', 'HELP', 'cancel please'])],
    [4, () => r.pick(['risk', 'issue', 'change', 'status', 'update', 'close', 'escalate', 'show', 'list', 'project', 'role', 'settings', 'link'])],
    [6, () => r.pick(['3', '5', '0', 'skip', 'save', 'yes', 'no', SHARED, w.own, 'next friday', '2026-02-31', 'edit', 'back', 'high', 'r', 'me', marker, `${marker} ${r.pick(INJECTIONS)}`])],
    [6, () => junkText(r, marker)],
    [2, () => r.pick([`project add ${r.pick(['__proto__', 'R-1', 'EVIL', '$where'])} ${quoted(marker)}`, 'settings timezone=Mars/Olympus', 'settings policy=$where', `link ${project(r, w)}`, 'digest', 'reminders', 'export risks', 'settings'])],
  ])();
}

/** Card data as our cards make it, with values of any type, or not card data at all. */
function submitValue(r: Prng, marker: string): unknown {
  const fields = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let k = r.int(0, 6); k > 0; k--) out[r.pick(FIELDS)] = r.chance(0.5) ? hostileValue(r, marker) : r.pick(['3', 'APOLLO', `${marker} title`, 'high', '']);
    return out;
  };
  const verb = r.chance(0.9) ? r.pick(VERBS) : hostileValue(r, marker);
  return r.weighted<() => unknown>([
    [6, () => ({ verb, command: r.chance(0.8) ? r.pick(COMMANDS) : hostileValue(r, marker), ...fields() })],
    [2, () => ({ verb, key: r.chance(0.7) ? key(r) : hostileValue(r, marker), days: r.pick([7, 0, -1, 91, '7', 1.5, { $gt: 0 }]) })],
    [1, () => ({ verb: 'pmo.confirm.edit', command: r.pick(COMMANDS), field: r.chance(0.5) ? r.pick(FIELDS) : hostileValue(r, marker) })],
    [1, () => ({ verb: 'pmo.list.page', kind: r.pick(['risk', 'issue', '__proto__']), page: r.pick([1, 2, 0, -1, 1e9, '2']), pageSize: r.pick([5, 1000, 0]), command: r.chance(0.5) ? `list risks ${marker}` : hostileValue(r, marker) })],
    [1, () => ({ verb: 'pmo.item.due', key: key(r), [`due_${key(r)}`]: r.chance(0.5) ? date(r) : hostileValue(r, marker) })],
    [3, () => r.pick<unknown>([[marker, 1], 42, marker, null, true, { verb: { $ne: null } }, { verb: ['pmo.cancel'] }, nest(r.int(50, 300), marker), JSON.parse(`{"__proto__": {"verb": "pmo.cancel", "isAdmin": true}, "marker": "${marker}"}`), Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, marker]))])],
  ])();
}

function inputs(r: Prng, marker: string): Record<string, unknown> | undefined {
  if (r.chance(0.4)) return undefined;
  const out: Record<string, unknown> = {};
  for (let k = r.int(1, 5); k > 0; k--) {
    out[r.pick(FIELDS)] = r.weighted<() => unknown>([[3, () => r.pick(['3', '4', SHARED, 'high', 'save', '2026-12-31'])], [2, () => typedTitle(r, marker, false).typed], [2, () => hostileValue(r, marker)]])();
  }
  return out;
}

function scribe(r: Prng, w: Workspace, marker: string): SayStep {
  const kind = r.pick(KINDS);
  const { typed, stored } = typedTitle(r, marker, w.door === 'teams');
  const entry: ScribeEntry = { marker, kind, title: stored, project: r.chance(0.5) ? SHARED : w.own };
  let fields = `project=${entry.project}`;
  if (kind === 'risk') {
    entry.probability = r.int(1, 5);
    entry.impact = r.int(1, 5);
    fields = `p=${entry.probability} i=${entry.impact} ${fields}`;
  }
  if (kind === 'issue') fields = `priority=${r.pick(['low', 'medium', 'high', 'critical'])} ${fields}`;
  if (kind === 'change') fields = `impact=${r.pick(['schedule', 'cost', 'scope'])} ${fields}`;
  return { type: 'say', ws: w.code, conv: 'scribe', marker, text: `${kind} ${typed} ${fields}`, scribe: entry };
}

/** `count` steps over the four workspaces, in batches of 1–4 sent at once. */
export function makePlan(r: Prng, count: number): Step[][] {
  const steps: Step[] = [];
  for (let n = 1; n <= count; n++) {
    const w = r.pick(WORKSPACES);
    const marker = markerOf(w.code, n);
    const conv = r.weighted<Conv>([[3, 'admin'], [3, 'member'], [2, 'channel']]);
    const at = { ws: w.code, conv, marker };
    const step = r.weighted<() => Step>([
      [3, () => scribe(r, w, marker)],
      [12, () => ({ ...at, type: 'say', text: message(r, w, marker), via: w.door === 'slack' ? r.weighted([[3, 'command'], [1, conv === 'channel' ? 'mention' : 'dm']]) : undefined })],
      [3, () => ({ ...at, type: 'submit', value: submitValue(r, marker), ...(r.chance(0.1) ? { text: junkText(r, marker) } : {}) })],
      [4, () => ({ ...at, type: 'click', pick: r.int(0, 1_000_000), inputs: inputs(r, marker) })],
      [w.door === 'slack' ? 1 : 0, () => ({ ...at, type: 'close', pick: r.int(0, 1_000_000) })],
      [1, () => ({ ...at, type: 'odd', variant: r.int(0, 1_000_000) })],
    ])();
    steps.push(step);
  }
  const batches: Step[][] = [];
  for (let i = 0; i < steps.length; ) {
    const width = r.int(1, 4);
    batches.push(steps.slice(i, i + width));
    i += width;
  }
  return batches;
}

/** Characters a failure message shows escaped: controls, bidi and invisible marks, surrogates. */
// eslint-disable-next-line no-control-regex -- escaping control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/g;

/** A step for a failure message: long strings cut, every control and surrogate escaped. */
export function describeStep(step: Step): string {
  return JSON.stringify(step, (_k, v: unknown) => (typeof v === 'string' && v.length > 300 ? `${v.slice(0, 120)}…(${v.length} chars)…${v.slice(-60)}` : v))
    .replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
