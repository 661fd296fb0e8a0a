import type { Logger } from 'pino';

/** Teams sends Entra object ids (users, and a team's group) as GUIDs; nothing else is put in a Graph path. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const OWNERS_TTL_MS = 5 * 60 * 1000;
/** A refused or failed lookup is not asked again for a while, so a dead Graph is not hammered once per turn. */
const FAILED_TTL_MS = 60 * 1000;
/** The longest a Retry-After from Graph holds the next lookup back. */
const MAX_RETRY_AFTER_MS = 15 * 60 * 1000;
/**
 * While Graph is throttling or down (429, 5xx, no answer), the owners it last gave for a team
 * still count, for at most this long since that answer; a refusal (401, 403, 404) counts nobody.
 */
const STALE_OWNERS_MS = 60 * 60 * 1000;
const MAX_TEAMS = 1_000;
const MAX_TENANTS = 1_000;
/** Graph pages members (about 100 a page); a team past this many pages is read no further. */
const MAX_PAGES = 50;
const TIMEOUT_MS = 5_000;
/** A token is used until a minute before it expires. */
const TOKEN_MARGIN_MS = 60 * 1000;

export interface TeamOwnersOptions {
  appId: string;
  appPassword: string;
  /** GRAPH_API_URL, e.g. https://graph.microsoft.com/v1.0 */
  graphApiUrl: string;
  /** GRAPH_TOKEN_URL, `{tenant}` standing for the team's tenant. */
  graphTokenUrl: string;
  logger: Logger;
  clock?: () => number;
  /** How long a turn waits for Graph (default TURN_WAIT_MS); tests shorten it. */
  turnWaitMs?: number;
}

/**
 * How long a turn waits for a team's owners before going on under today's rules: Teams gives an
 * invoke five seconds and a message is better answered than late. The lookup itself goes on and
 * serves the turns after it.
 */
const TURN_WAIT_MS = 2_000;

/** Sets `key` in a map of at most MAX_TEAMS entries, dropping the oldest when full. */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  if (map.size >= MAX_TEAMS) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

/** `lookup`, or null when it takes longer than `ms` (it is not cancelled). */
function withinTurn<T>(lookup: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    timer.unref();
  });
  return Promise.race([lookup, late]).finally(() => clearTimeout(timer));
}

/** Why Graph gave no answer: what was asked and how it failed, never a secret or a token. */
class GraphUnavailable extends Error {
  constructor(
    readonly step: 'token' | 'members',
    readonly reason: string,
    readonly status?: number,
    /** What Graph's Retry-After asked for, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(`${step}: ${reason}`);
  }

  /** Throttled, failing or not answering: it will likely answer later. A refusal will not. */
  get transient(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : Date.parse(header) - now;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

interface MembersPage {
  value?: { roles?: unknown; userId?: unknown }[];
  '@odata.nextLink'?: unknown;
}

/**
 * Teams team owners, who count as PMO admins (SPEC §2), read from Microsoft Graph
 * (`GET /teams/{id}/members`) with the app's own token and the team's resource-specific consent
 * (TeamMember.Read.Group). Owners are kept per team for five minutes. When Graph refuses, nobody
 * is an owner (today's rules hold); while it throttles or fails, the owners it last gave (within
 * the hour) still count, and it is not asked again before its Retry-After. One warning per process.
 */
export class TeamOwners {
  private readonly teams = new Map<string, { owners: Promise<ReadonlySet<string> | null>; until: number }>();
  /** The last owners Graph gave per team, and when. */
  private readonly answered = new Map<string, { owners: ReadonlySet<string>; at: number }>();
  private readonly tokens = new Map<string, { token: string; until: number }>();
  private readonly scope: string;
  private warned = false;

  constructor(private readonly options: TeamOwnersOptions) {
    this.scope = `${new URL(options.graphApiUrl).origin}/.default`;
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /** Whether the Entra user `aadObjectId` owns the team whose group is `teamGroupId`, in `tenantId`. */
  async isOwner(tenantId: string, teamGroupId: string, aadObjectId: string): Promise<boolean> {
    if (!GUID.test(teamGroupId) || !GUID.test(aadObjectId) || !/^[\w.-]{1,128}$/.test(tenantId)) return false;
    const owners = await withinTurn(this.ownersOf(tenantId, teamGroupId.toLowerCase()), this.options.turnWaitMs ?? TURN_WAIT_MS);
    return owners?.has(aadObjectId.toLowerCase()) ?? false;
  }

  private ownersOf(tenantId: string, teamGroupId: string): Promise<ReadonlySet<string> | null> {
    const key = `${tenantId}\u0000${teamGroupId}`;
    const hit = this.teams.get(key);
    if (hit && hit.until > this.now()) return hit.owners;
    // One lookup per team at a time: turns arriving together share it.
    const entry: { owners: Promise<ReadonlySet<string> | null>; until: number } = { owners: Promise.resolve(null), until: this.now() + OWNERS_TTL_MS };
    entry.owners = this.fetchOwners(tenantId, teamGroupId).then(
      (owners) => {
        remember(this.answered, key, { owners, at: this.now() });
        return owners;
      },
      (failure: GraphUnavailable) => {
        entry.until = this.now() + Math.min(MAX_RETRY_AFTER_MS, Math.max(FAILED_TTL_MS, failure.retryAfterMs ?? 0));
        // A refusal (consent withdrawn, the team gone) ends what Graph said before, too.
        if (!failure.transient) this.answered.delete(key);
        const last = this.answered.get(key);
        return last && this.now() - last.at <= STALE_OWNERS_MS ? last.owners : null;
      },
    );
    remember(this.teams, key, entry);
    return entry.owners;
  }

  /** The team's owners, or a GraphUnavailable thrown (warned about once per process). */
  private async fetchOwners(tenantId: string, teamGroupId: string): Promise<ReadonlySet<string>> {
    try {
      return await this.readOwners(tenantId, teamGroupId);
    } catch (err) {
      const failure = err instanceof GraphUnavailable ? err : new GraphUnavailable('members', 'unexpected answer');
      if (failure.status === 401) this.tokens.delete(tenantId);
      if (!this.warned) {
        this.warned = true;
        this.options.logger.warn(
          { graph: new URL(this.options.graphApiUrl).host, step: failure.step, status: failure.status, reason: failure.reason, retryAfterMs: failure.retryAfterMs },
          'Microsoft Graph gave no team owners; until it does, team owners count as PMO admins only if granted the role or, while Graph is throttling or failing, if it named them within the hour (logged once)',
        );
      }
      throw failure;
    }
  }

  private async readOwners(tenantId: string, teamGroupId: string): Promise<ReadonlySet<string>> {
    const token = await this.token(tenantId);
    const owners = new Set<string>();
    const origin = new URL(this.options.graphApiUrl).origin;
    let url: string | null = `${this.options.graphApiUrl}/teams/${teamGroupId}/members`;
    for (let page = 0; url !== null && page < MAX_PAGES; page++) {
      const res = await this.call('members', url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      const body = (await res.json().catch(() => ({}))) as MembersPage;
      if (!Array.isArray(body.value)) throw new GraphUnavailable('members', 'no member list in the answer', res.status);
      for (const member of body.value) {
        const roles = Array.isArray(member.roles) ? member.roles : [];
        if (roles.includes('owner') && typeof member.userId === 'string') owners.add(member.userId.toLowerCase());
      }
      const next = body['@odata.nextLink'];
      // The token goes to Graph only: a next page elsewhere is not followed.
      url = typeof next === 'string' && URL.canParse(next) && new URL(next).origin === origin ? next : null;
    }
    return owners;
  }

  /** The app's token for Graph in this tenant (client credentials), kept until shortly before it expires. */
  private async token(tenantId: string): Promise<string> {
    const hit = this.tokens.get(tenantId);
    if (hit && hit.until > this.now()) return hit.token;
    const url = this.options.graphTokenUrl.replace('{tenant}', encodeURIComponent(tenantId));
    const res = await this.call('token', url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.options.appId,
        client_secret: this.options.appPassword,
        scope: this.scope,
      }).toString(),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || !body.access_token) throw new GraphUnavailable('token', 'no access token in the answer', res.status);
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 0) || 0;
    if (this.tokens.size >= MAX_TENANTS) this.tokens.delete(this.tokens.keys().next().value as string);
    this.tokens.set(tenantId, { token: body.access_token, until: this.now() + seconds * 1000 - TOKEN_MARGIN_MS });
    return body.access_token;
  }

  /** One HTTP call; any answer but 2xx, a redirect included, is a failure. */
  private async call(step: 'token' | 'members', url: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      const cause = (err as { cause?: { code?: unknown } }).cause?.code;
      throw new GraphUnavailable(step, typeof cause === 'string' ? cause : (err as Error).name || 'network error');
    }
    if (res.status < 200 || res.status >= 300) {
      await res.body?.cancel().catch(() => undefined);
      throw new GraphUnavailable(step, `HTTP ${res.status}`, res.status, retryAfterMs(res.headers.get('retry-after'), this.now()));
    }
    return res;
  }
}
