// What every turn needs before the dialogs run, without three database round trips each time.
import type { ConversationRefDoc, PersonDoc, WorkspaceDoc } from '../../models';
import type { Platform } from '../domain';
import { cleanName } from '../sanitize';
import { saveConversationRef, type ConversationRefInput } from './conversation-refs.service';
import { toWorkspaceId, type WorkspaceId } from './context';
import { ensurePerson } from './people.service';
import { WORKSPACE_CHANGED, workspaceEvents } from './workspace-events';
import { ensureWorkspace } from './workspaces.service';

export interface KnownContactsOptions {
  /**
   * How long a workspace read on one instance is trusted. A settings change on this instance is
   * seen at once; one made on another instance within this time (the zone, the schedules).
   */
  workspaceTtlMs?: number;
  /** Entries kept per map; the oldest go first. */
  maxEntries?: number;
  clock?: () => number;
}

interface Timed<T> {
  value: T;
  at: number;
}

/** A Map that forgets its oldest entries beyond `max` (insertion order is age: hits re-insert). */
class Bounded<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly max: number) {}
  get(key: string): T | undefined {
    return this.map.get(key);
  }
  set(key: string, value: T): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  deleteWhere(test: (value: T) => boolean): void {
    for (const [key, value] of this.map) if (test(value)) this.map.delete(key);
  }
}

/**
 * A per-process memory of the workspaces, people and conversations the bot has seen, so a turn
 * writes only what changed: the workspace upsert, the person check and the conversation-reference
 * upsert each ran on every turn. What is remembered is only ever a copy of what was written, and
 * a process restart forgets it all, so nothing here can lose data; the worst case is one write
 * more.
 */
export class KnownContacts {
  private readonly workspaces: Bounded<Timed<WorkspaceDoc>>;
  private readonly people: Bounded<string>;
  private readonly conversations: Bounded<{ json: string; id: string }>;
  private readonly ttl: number;
  private readonly clock: () => number;
  private readonly onChanged = (workspaceId: string) => this.workspaces.deleteWhere((w) => w.value._id.toString() === workspaceId);

  constructor(options: KnownContactsOptions = {}) {
    const max = options.maxEntries ?? 10_000;
    this.workspaces = new Bounded(max);
    this.people = new Bounded(max);
    this.conversations = new Bounded(max);
    this.ttl = options.workspaceTtlMs ?? 15_000;
    this.clock = options.clock ?? Date.now;
    workspaceEvents.on(WORKSPACE_CHANGED, this.onChanged);
  }

  /** Stops listening for settings changes (tests make many of these). */
  close(): void {
    workspaceEvents.off(WORKSPACE_CHANGED, this.onChanged);
  }

  async workspace(platform: Platform, externalId: string, rawName: string | undefined, defaults: { timeZone: string }): Promise<WorkspaceDoc> {
    // A team's name comes from the platform like a person's: one clean line.
    const name = rawName === undefined ? undefined : cleanName(rawName) || undefined;
    const key = `${platform}\u0000${externalId}`;
    const hit = this.workspaces.get(key);
    const now = this.clock();
    if (hit && now - hit.at < this.ttl && (!name || hit.value.name === name)) return hit.value;
    const doc = await ensureWorkspace(platform, externalId, name, defaults);
    this.workspaces.set(key, { value: doc, at: now });
    return doc;
  }

  /**
   * Makes sure the person exists with this display name, as stored (cleaned: core/sanitize); a role
   * is never cached (permissions read it fresh).
   */
  async person(ws: WorkspaceId, platformUserId: string, name: string): Promise<PersonDoc | undefined> {
    const displayName = cleanName(name);
    const key = `${toWorkspaceId(ws).toString()}\u0000${platformUserId}`;
    if (this.people.get(key) === displayName) return undefined;
    const doc = await ensurePerson(ws, platformUserId, displayName);
    this.people.set(key, displayName);
    return doc;
  }

  /** Saves the conversation reference when it differs from the one this process last saved; returns its id. */
  async conversation(ws: WorkspaceId, ref: ConversationRefInput): Promise<string> {
    const key = `${toWorkspaceId(ws).toString()}\u0000${ref.platform}\u0000${ref.conversationId}`;
    const json = JSON.stringify(ref);
    const hit = this.conversations.get(key);
    if (hit?.json === json) return hit.id;
    const doc: ConversationRefDoc = await saveConversationRef(ws, ref);
    this.conversations.set(key, { json, id: doc._id.toString() });
    return doc._id.toString();
  }
}
