// A synthetic portfolio, deterministic from a seed: the same options give the same documents.
import { DateTime } from 'luxon';
import {
  riskRating, DECISIONS, ISSUE_TYPES, PRIORITIES, RAGS, RISK_RESPONSES,
  type Decision, type IsoDate, type ItemKind, type Priority, type Rag, type Role,
} from '../../core/domain';
import { isoWeekOf } from '../../core/services/time';
import { formatItemKey } from '../../core/registers';

export interface SeedOptions {
  projects: number;
  /** Register items per project (risks, issues and changes together). */
  items: number;
  seed: number;
  now: Date;
  timeZone: string;
  /** Weeks of status history before the current one. */
  weeks?: number;
}

export interface SeedPerson { platformUserId: string; displayName: string; role: Role }
export interface SeedPortfolio { key: string; name: string }
export interface SeedProgram { key: string; name: string; portfolioKey: string }
export interface SeedProject { key: string; name: string; programKey: string; portfolioKey: string; pmId: string }
export interface SeedStatus {
  projectKey: string; period: string; overall: Rag; schedule: Rag; scope: Rag; cost: Rag;
  summary: string; done: string; next: string; blockers: string; authorId: string; submittedAt: Date;
}
interface SeedItemBase {
  kind: ItemKind; seq: number; key: string; title: string; description: string; projectKey: string;
  ownerId: string; raisedById: string; due: IsoDate | null; status: string; createdAt: Date;
  closedAt: Date | null; resolution: string | null;
}
export interface SeedRisk extends SeedItemBase {
  kind: 'risk'; probability: number; impact: number; score: number; rating: string;
  response: string | null; mitigation: string; reviewDate: IsoDate | null;
}
export interface SeedIssue extends SeedItemBase { kind: 'issue'; type: string; priority: Priority }
export interface SeedChange extends SeedItemBase {
  kind: 'change'; impact: string; impactTime: string; impactCost: string; impactScope: string;
  decision: Decision; decidedById: string | null; decidedAt: Date | null;
}
export type SeedItem = SeedRisk | SeedIssue | SeedChange;

export interface SeedData {
  people: SeedPerson[];
  portfolios: SeedPortfolio[];
  programs: SeedProgram[];
  projects: SeedProject[];
  statuses: SeedStatus[];
  items: SeedItem[];
}

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROJECT_WORDS = [
  'APOLLO', 'ATLAS', 'BEACON', 'CASCADE', 'COMET', 'DELTA', 'EMBER', 'FALCON', 'GALAXY', 'HARBOR',
  'HORIZON', 'IRIS', 'JUPITER', 'KESTREL', 'LUNAR', 'MERIDIAN', 'NEBULA', 'NOVA', 'ORBIT', 'PHOENIX',
  'PULSAR', 'QUASAR', 'RAVEN', 'SUMMIT', 'TITAN', 'UNITY', 'VECTOR', 'VERTEX', 'ZENITH', 'ZEPHYR',
];
const PORTFOLIOS: SeedPortfolio[] = [
  { key: 'DIGITAL', name: 'Digital transformation' },
  { key: 'OPS', name: 'Operations excellence' },
  { key: 'GROWTH', name: 'Growth and new markets' },
  { key: 'INFRA', name: 'Infrastructure renewal' },
  { key: 'PEOPLE', name: 'People and workplace' },
];
const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Noor', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq'];
const LAST = ['Lovelace', 'Okafor', 'Martin', 'Patel', 'Novak', 'Haddad', 'Hopper', 'Tanaka', 'Silva', 'Berg', 'Adeyemi', 'Murphy', 'Cohen', 'Rahman', 'Farouk', 'Iyer', 'Walsh', 'Moreno', 'Taylor', 'Aziz'];
const RISK_TITLES = [
  'Vendor API may slip', 'Key engineer may leave', 'Licence costs may rise', 'Data migration may overrun',
  'Regulator may change reporting rules', 'Load test may fail at peak volume', 'Supplier may miss hardware delivery',
  'Security review may find critical gaps', 'Budget approval may be delayed', 'Integration partner may go quiet',
];
const ISSUE_TITLES = [
  'Build server down', 'Test environment unstable', 'Requirements unclear for reporting', 'Contract not yet signed',
  'Release blocked by failing checks', 'Missing access for contractors', 'Design sign-off overdue', 'Defect backlog growing',
];
const CHANGE_TITLES = [
  'Move launch by a week', 'Add single sign-on to scope', 'Swap database vendor', 'Extend pilot to a second region',
  'Drop the legacy export', 'Add accessibility audit', 'Increase cloud budget by 10%',
];
const SUMMARIES = ['On track', 'Minor slippage recovered', 'Waiting on vendor', 'Scope under review', 'Testing in progress', 'Go-live prep'];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}
function int(rnd: () => number, min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}

function projectKey(i: number, count: number): string {
  if (count <= PROJECT_WORDS.length) return PROJECT_WORDS[i];
  return `${PROJECT_WORDS[i % PROJECT_WORDS.length]}${Math.floor(i / PROJECT_WORDS.length) + 1}`;
}

/** A RAG random walk: mostly stays, sometimes moves one step. */
function nextRag(rnd: () => number, current: Rag): Rag {
  const order: Rag[] = ['green', 'amber', 'red'];
  const i = order.indexOf(current);
  const r = rnd();
  if (r < 0.15) return order[Math.max(0, i - 1)];
  if (r < 0.27) return order[Math.min(2, i + 1)];
  return current;
}

export function generatePortfolio(opts: SeedOptions): SeedData {
  const rnd = random(opts.seed);
  const now = DateTime.fromJSDate(opts.now, { zone: opts.timeZone });
  const weeks = opts.weeks ?? 8;

  const portfolioCount = Math.max(1, Math.min(PORTFOLIOS.length, Math.ceil(opts.projects / 20)));
  const portfolios = PORTFOLIOS.slice(0, portfolioCount);
  const programs: SeedProgram[] = portfolios.flatMap((p) => [1, 2].map((n) => ({ key: `${p.key}-P${n}`, name: `${p.name}, wave ${n}`, portfolioKey: p.key })));

  const pmCount = Math.max(1, Math.ceil(opts.projects / 3));
  const memberCount = Math.max(3, Math.ceil(opts.projects / 2));
  const name = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${i}` : ''}`;
  let n = 0;
  const people: SeedPerson[] = [
    { platformUserId: 'seed-admin', displayName: name(n++), role: 'pmo_admin' },
    { platformUserId: 'seed-exec-1', displayName: name(n++), role: 'executive' },
    { platformUserId: 'seed-exec-2', displayName: name(n++), role: 'executive' },
  ];
  for (let i = 1; i <= pmCount; i++) people.push({ platformUserId: `seed-pm-${i}`, displayName: name(n++), role: 'pm' });
  for (let i = 1; i <= memberCount; i++) people.push({ platformUserId: `seed-member-${i}`, displayName: name(n++), role: 'member' });
  const pms = people.filter((p) => p.role === 'pm');
  const doers = people.filter((p) => p.role === 'pm' || p.role === 'member');

  const projects: SeedProject[] = [];
  for (let i = 0; i < opts.projects; i++) {
    const program = programs[i % programs.length];
    const key = projectKey(i, opts.projects);
    projects.push({ key, name: `${key[0]}${key.slice(1).toLowerCase()} ${pick(rnd, ['launch', 'platform', 'migration', 'rollout', 'upgrade'])}`, programKey: program.key, portfolioKey: program.portfolioKey, pmId: pms[i % pms.length].platformUserId });
  }

  const statuses: SeedStatus[] = [];
  for (const project of projects) {
    let rag: Rag = pick(rnd, ['green', 'green', 'green', 'amber', 'amber', 'red'] as Rag[]);
    // Some projects miss this week's update (and a few last week's too): what the nudge is for.
    const missing = rnd() < 0.25 ? (rnd() < 0.3 ? 2 : 1) : 0;
    for (let w = weeks; w >= missing; w--) {
      const week = now.minus({ weeks: w }).startOf('week');
      // Friday afternoon, or earlier today for this week's update when Friday has not come yet.
      const friday = week.plus({ days: 4, hours: 15 });
      const at = friday > now ? DateTime.max(week, now.minus({ minutes: 30 })) : friday;
      rag = nextRag(rnd, rag);
      statuses.push({
        projectKey: project.key,
        period: isoWeekOf(week.toJSDate(), opts.timeZone),
        overall: rag,
        schedule: nextRag(rnd, rag),
        scope: pick(rnd, RAGS),
        cost: nextRag(rnd, rag),
        summary: pick(rnd, SUMMARIES),
        done: 'Sprint goals met',
        next: 'Next milestone review',
        blockers: rag === 'red' ? 'Needs a decision from the steering group' : '',
        authorId: project.pmId,
        submittedAt: at.toJSDate(),
      });
    }
  }

  const seq: Record<ItemKind, number> = { risk: 0, issue: 0, change: 0, decision: 0, action: 0 };
  const items: SeedItem[] = [];
  const date = (days: number): IsoDate => now.plus({ days }).toISODate() as IsoDate;
  for (const project of projects) {
    for (let j = 0; j < opts.items; j++) {
      const r = rnd();
      const kind: ItemKind = r < 0.45 ? 'risk' : r < 0.8 ? 'issue' : 'change';
      const s = ++seq[kind];
      const created = now.minus({ days: int(rnd, 1, weeks * 7) });
      const closed = rnd() < 0.2;
      // About one open item in six is overdue.
      const due = rnd() < 0.17 ? date(-int(rnd, 1, 30)) : rnd() < 0.85 ? date(int(rnd, 1, 60)) : null;
      const owner = pick(rnd, doers).platformUserId;
      const base = {
        seq: s,
        key: formatItemKey(kind, s),
        description: '',
        projectKey: project.key,
        ownerId: owner,
        raisedById: pick(rnd, doers).platformUserId,
        due,
        createdAt: created.toJSDate(),
        closedAt: closed ? created.plus({ days: int(rnd, 1, 5) }).toJSDate() : null,
        resolution: closed ? 'Done' : null,
      };
      if (kind === 'risk') {
        const probability = int(rnd, 1, 5);
        const impact = int(rnd, 1, 5);
        items.push({
          ...base, kind, title: pick(rnd, RISK_TITLES), status: closed ? 'closed' : pick(rnd, ['open', 'open', 'mitigating']),
          probability, impact, score: probability * impact, rating: riskRating(probability * impact),
          response: pick(rnd, [...RISK_RESPONSES, null]), mitigation: '', reviewDate: rnd() < 0.3 ? date(int(rnd, -10, 30)) : null,
        });
      } else if (kind === 'issue') {
        items.push({ ...base, kind, title: pick(rnd, ISSUE_TITLES), status: closed ? 'resolved' : pick(rnd, ['open', 'in_progress']), type: pick(rnd, ISSUE_TYPES), priority: pick(rnd, PRIORITIES) });
      } else {
        const decision: Decision = closed ? pick(rnd, DECISIONS.filter((d) => d !== 'pending')) : 'pending';
        items.push({
          ...base, kind, title: pick(rnd, CHANGE_TITLES), status: closed ? 'closed' : 'open',
          impact: 'Two weeks on the schedule', impactTime: '2 weeks', impactCost: '', impactScope: '',
          decision, decidedById: closed ? project.pmId : null, decidedAt: closed ? base.closedAt : null,
        });
      }
    }
  }
  return { people, portfolios, programs, projects, statuses, items };
}
