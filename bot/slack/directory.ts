import type { Logger } from 'pino';
import type { SlackApi } from './api';

/** What the bot needs to know of a Slack user. */
export interface SlackPerson {
  displayName: string;
  /** Workspace admins and owners count as PMO admins (SPEC §2). */
  isAdmin: boolean;
}

interface UsersInfo {
  user?: {
    name?: string;
    real_name?: string;
    is_admin?: boolean;
    is_owner?: boolean;
    is_primary_owner?: boolean;
    profile?: { display_name?: string; real_name?: string };
  };
}

const TTL_MS = 10 * 60 * 1000;
/** A failed lookup is not asked again for a while, so a dead API is not hammered once per mention. */
const FAILED_TTL_MS = 30 * 1000;
const MAX_ENTRIES = 5_000;

/** users.info, cached per team and user for ten minutes. */
export class SlackDirectory {
  private readonly cache = new Map<string, { person: SlackPerson; until: number }>();

  constructor(private readonly logger: Logger, private readonly clock: () => number = Date.now) {}

  async person(api: SlackApi, teamId: string, userId: string): Promise<SlackPerson> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.clock()) return hit.person;
    let person: SlackPerson;
    let ttl = TTL_MS;
    try {
      const { user } = await api.call<UsersInfo & { ok: boolean }>('users.info', { user: userId });
      const name = user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || '';
      person = { displayName: name, isAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner) };
    } catch (err) {
      this.logger.warn({ user: userId, err: (err as Error).message }, 'users.info failed; going on without name and admin flag');
      person = { displayName: hit?.person.displayName ?? '', isAdmin: false };
      ttl = FAILED_TTL_MS;
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { person, until: this.clock() + ttl });
    return person;
  }

  /** Display names of several users, for mentions; those without one are left out. */
  async names(api: SlackApi, teamId: string, userIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of userIds) {
      const { displayName } = await this.person(api, teamId, id);
      if (displayName) names.set(id, displayName);
    }
    return names;
  }
}
