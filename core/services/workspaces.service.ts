import {
  DEFAULT_SCHEDULES,
  WorkspaceModel,
  type Schedules,
  type Workspace,
  type WorkspaceDoc,
} from '../../models';
import { formatSchedule, parseSchedule, PLATFORMS, POLICIES, SCHEDULE_OFF, type Actor, type Platform, type Policy } from '../domain';
import { DEFAULT_POLICY, pendingAllowance } from '../policy';
import { loadWorkspace, toWorkspaceId, type WorkspaceId } from './context';
import { invalid, isDuplicateKeyError } from './errors';
import { assertPmoAdmin } from './permissions';
import { isIsoDate, isValidZone } from './time';

/** A year's public holidays and then some; a longer list is a mistake. */
const MAX_HOLIDAYS = 60;
import { announceWorkspaceChanged } from './workspace-events';

export type WorkspaceSettings = Pick<Workspace, 'platform' | 'name' | 'timeZone' | 'schedules' | 'policy' | 'holidays'> & {
  /** The policy's allowance for a pending change, in days (SPEC §4). */
  changePendingDays: number;
};

/** What `settings key=value ...` may change. */
export interface SettingsPatch {
  timeZone?: string;
  digest?: string;
  reminders?: string;
  nudge?: string;
  policy?: string;
  /** The PMO scorecard's slot (issue 14). */
  scorecard?: string;
  /** Dates (YYYY-MM-DD) reminders and nudges skip; [] clears them. */
  holidays?: readonly string[];
}

/**
 * The workspace of an incoming activity, created on first contact with the configured defaults.
 * A concurrent first contact may lose the upsert race with a duplicate key: it then reads the winner's.
 */
export async function ensureWorkspace(
  platform: Platform,
  externalId: string,
  name: string | undefined,
  defaults: { timeZone: string },
): Promise<WorkspaceDoc> {
  if (!PLATFORMS.includes(platform)) throw invalid('platform', `Unknown platform "${platform}".`);
  if (!externalId) throw invalid('externalId', 'A workspace needs its tenant or team id.');
  if (!isValidZone(defaults.timeZone)) throw invalid('timeZone', `"${defaults.timeZone}" is not an IANA time zone.`);
  const onInsert = {
    timeZone: defaults.timeZone,
    schedules: { ...DEFAULT_SCHEDULES },
    policy: DEFAULT_POLICY,
    ...(name ? {} : { name: '' }),
  };
  const update = { $setOnInsert: onInsert, ...(name ? { $set: { name } } : {}) };
  for (let attempt = 1; ; attempt++) {
    try {
      const doc = await WorkspaceModel.findOneAndUpdate({ platform, externalId }, update, {
        upsert: true,
        new: true,
      }).lean<WorkspaceDoc>();
      if (!doc) throw new Error(`workspace upsert for ${platform}/${externalId} returned nothing`);
      return doc;
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt >= 3) throw err;
    }
  }
}

/** Every workspace: the scheduler's one cross-workspace read (it then works per workspace). */
export async function listWorkspaces(): Promise<WorkspaceDoc[]> {
  return WorkspaceModel.find({}).sort({ _id: 1 }).lean<WorkspaceDoc[]>();
}

export async function getSettings(ws: WorkspaceId): Promise<WorkspaceSettings> {
  return toSettings(await loadWorkspace(ws));
}

/** PMO admin only. Validates every field before writing any; returns the settings, what changed and the settings before. */
export async function updateSettings(
  ws: WorkspaceId,
  actor: Actor,
  patch: SettingsPatch,
): Promise<{ settings: WorkspaceSettings; changed: string[]; previous: WorkspaceSettings }> {
  const workspace = await loadWorkspace(ws);
  await assertPmoAdmin(workspace, actor, 'change the workspace settings');
  const set: Record<string, unknown> = {};
  if (patch.timeZone !== undefined) {
    if (!isValidZone(patch.timeZone)) {
      throw invalid('timeZone', `"${patch.timeZone}" is not a time zone I know; use Area/City, e.g. Europe/London.`);
    }
    set.timeZone = patch.timeZone;
  }
  for (const job of ['digest', 'reminders', 'nudge', 'scorecard'] as const) {
    const value = patch[job];
    if (value === undefined) continue;
    if (value.trim().toLowerCase() === SCHEDULE_OFF) {
      set[`schedules.${job}`] = SCHEDULE_OFF;
      continue;
    }
    const parsed = parseSchedule(value);
    if (!parsed) throw invalid(job, `${job} must be a weekday and a time, e.g. "Mon 09:30", or off.`);
    set[`schedules.${job}`] = formatSchedule(parsed);
  }
  if (patch.policy !== undefined) {
    if (!POLICIES.includes(patch.policy as Policy)) throw invalid('policy', `policy must be one of ${POLICIES.join(', ')}.`);
    set.policy = patch.policy;
  }
  if (patch.holidays !== undefined) {
    const bad = patch.holidays.find((d) => !isIsoDate(d));
    if (bad !== undefined) throw invalid('holidays', `"${bad}" is not a date like 2026-12-24.`);
    if (patch.holidays.length > MAX_HOLIDAYS) throw invalid('holidays', `At most ${MAX_HOLIDAYS} holidays.`);
    set.holidays = [...new Set(patch.holidays)].sort();
  }
  const changed = Object.keys(set).filter((path) => !sameValue(readPath(workspace, path), set[path]));
  const previous = toSettings(workspace);
  if (changed.length === 0) return { settings: previous, changed, previous };
  const updated = await WorkspaceModel.findOneAndUpdate({ _id: toWorkspaceId(ws) }, { $set: set }, { new: true }).lean<WorkspaceDoc>();
  announceWorkspaceChanged(workspace._id.toString());
  return { settings: toSettings(updated ?? workspace), changed: changed.map((p) => p.replace('schedules.', '')), previous };
}

function toSettings(w: WorkspaceDoc): WorkspaceSettings {
  const schedules: Schedules = { ...DEFAULT_SCHEDULES, ...w.schedules };
  return {
    platform: w.platform,
    name: w.name,
    timeZone: w.timeZone,
    schedules,
    policy: w.policy,
    changePendingDays: pendingAllowance(w),
    holidays: w.holidays ?? [],
  };
}

/** Holidays are a list: equal when they hold the same dates in the same order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return a === b;
}

function readPath(w: WorkspaceDoc, path: string): unknown {
  return path.startsWith('schedules.') ? w.schedules?.[path.slice(10) as keyof Schedules] : w[path as keyof WorkspaceDoc];
}
