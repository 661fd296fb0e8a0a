import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { WorkspaceDoc } from '../../models';
import { ensureWorkspace } from '../../core/services';
import { InProcessQueue } from '../../core/services/in-process-queue';
import type { Inbox, InboundMeta } from '../inbox/inbox';
import { SlackApi, type SlackApiOptions } from './api';
import type { SlackAdapter } from './adapter';
import type { Inbound } from './inbound';
import type { BotAuth, TeamRef, TokenSource } from './tokens';

/** A team's request, authorised and placed in its workspace: what the work after the ack runs with. */
export interface Opened {
  workspace: WorkspaceDoc;
  api: SlackApi;
  auth: BotAuth;
  request: InboundMeta;
}

/**
 * What an acknowledged request asks for, as it is recorded (JSON) before the ack, so that any
 * instance can carry it out if this one dies: a turn of the dialogs, a Home tab, an uninstall.
 */
export type SlackWork =
  | { type: 'conversation'; inbound: Inbound }
  | { type: 'home'; key: string; teamId: string; userId: string }
  | { type: 'removed'; key: string; teamId: string };

/** The work that is not a conversation, carried out by the listeners' owners (the Home tab, the installation store). */
export interface OtherWork {
  home(opened: Opened, userId: string): Promise<void>;
  removed(teamId: string): Promise<void>;
}

export interface SlackTurnsDeps {
  tokens: TokenSource;
  inbox: Inbox;
  adapter: SlackAdapter;
  /** The dialogs' entry: SlackBot.run. */
  logic: (context: TurnContext) => Promise<void>;
  other: OtherWork;
  api: Omit<SlackApiOptions, 'logger'>;
  defaults: { timeZone: string };
  logger: Logger;
}

/**
 * Requests worked on at once; the rest wait their turn. Acks are cheap but share the event loop
 * with this work, so a burst of fifty must not become fifty turns competing with the next acks.
 */
export const TURNS_AT_ONCE = 6;

/** A request from a team this deployment does not serve (single-workspace mode): refused, never given a workspace. */
export class ForeignTeamError extends Error {
  readonly code = 'slack_foreign_team';
  constructor(readonly teamId: string, readonly servedTeamId: string) {
    super(`a request from Slack team ${teamId}, but this deployment serves team ${servedTeamId} only`);
  }
}

const teamOf = (work: SlackWork): TeamRef =>
  work.type === 'conversation'
    ? { teamId: work.inbound.turn.teamId, ...(work.inbound.turn.enterpriseId ? { enterpriseId: work.inbound.turn.enterpriseId } : {}) }
    : { teamId: work.teamId };
const keyOf = (work: SlackWork): string => (work.type === 'conversation' ? work.inbound.key : work.key);
/** Team and user ids as Slack makes them: bounded, printable text (an object would become a query operator). */
const isSlackId = (v: unknown): v is string => typeof v === 'string' && /^[\x21-\x7e]{1,255}$/.test(v);
const userOf = (work: SlackWork): unknown => (work.type === 'conversation' ? work.inbound.turn.userId : work.type === 'home' ? work.userId : 'none');

/**
 * Everything around the ack. `accept` records the request (the only work before Slack's 200);
 * the returned start function carries it out after the ack, one conversation's turns in order,
 * TURNS_AT_ONCE at a time. The inbox hands back requests another instance left unfinished.
 */
export class SlackTurns {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly apis = new Map<string, SlackApi>();
  private readonly conversations = new InProcessQueue();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly deps: SlackTurnsDeps) {}

  /**
   * Before the ack: records the request, keyed so that retries and duplicates collapse. Returns
   * what to call after the ack (nothing to do for a duplicate). Throws when it cannot be recorded,
   * so Slack gets an error and retries rather than a 200 for work that could be lost.
   */
  async accept(work: SlackWork): Promise<() => void> {
    const { teamId } = teamOf(work);
    if (!isSlackId(teamId) || !isSlackId(userOf(work))) {
      this.deps.logger.warn({ kind: work.type }, 'Slack request refused: a team or user id that is not an id');
      return () => undefined;
    }
    const key = `slack:${teamId}:${keyOf(work)}`;
    const receivedAt = new Date();
    if (!(await this.deps.inbox.record(key, 'slack', teamId, work))) {
      this.deps.logger.info({ request: key }, 'Slack delivery already taken (a retry, or another instance); skipped');
      return () => undefined;
    }
    return () => void this.carryOut(key, work, { key, receivedAt, retry: false });
  }

  /** A recorded request carried out; what the inbox calls for requests taken over from a dead holder. */
  carryOut(key: string, work: SlackWork, meta: InboundMeta): Promise<void> {
    const done = this.deps.inbox.carryOut(key, work, meta, (w, m) => this.run(w as SlackWork, m));
    const tracked = done.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return done;
  }

  /** Resolves when no request is being worked on (tests; a clean stop). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  apiFor(token: string | undefined): SlackApi {
    const key = token ?? '';
    let api = this.apis.get(key);
    if (!api) {
      api = new SlackApi(token, { ...this.deps.api, logger: this.deps.logger });
      this.apis.set(key, api);
    }
    return api;
  }

  /** One conversation's turns in the order they came (their dialog state is one document), then a slot. */
  private run(work: SlackWork, meta: InboundMeta): Promise<void> {
    const order = work.type === 'conversation' ? String(work.inbound.activity.conversation?.id ?? meta.key) : meta.key;
    return this.conversations.run(order, () => this.inSlot(() => this.work(work, meta)));
  }

  private async work(work: SlackWork, meta: InboundMeta): Promise<void> {
    const team = teamOf(work);
    try {
      if (work.type === 'removed') {
        await this.deps.other.removed(team.teamId);
        return;
      }
      const opened = await this.open(team, meta);
      if (work.type === 'home') {
        await this.deps.other.home(opened, work.userId);
        return;
      }
      const { inbound } = work;
      const activity = { ...inbound.activity, timestamp: meta.receivedAt };
      const state = { turn: inbound.turn, api: opened.api, workspace: opened.workspace, botUserId: opened.auth.botUserId, request: meta };
      await this.deps.adapter.processSlackTurn(activity, state, this.deps.logic);
    } catch (e) {
      const err = e as Error & { code?: string; original?: unknown };
      // Refusals are final (nothing to retry); anything else goes back to the inbox for another attempt.
      if (err.code === 'slack_no_installation') {
        const reason = err.original instanceof Error ? err.original.message : err.message;
        this.deps.logger.warn({ team: team.teamId, reason }, 'Slack request from a team the bot cannot act for (no usable installation); ignored');
      }
      else if (err instanceof ForeignTeamError) this.deps.logger.warn({ team: team.teamId, served: err.servedTeamId }, 'Slack request from another team refused');
      else throw err;
    }
  }

  /** A place among the TURNS_AT_ONCE, taken after the current round of I/O (other acks) is done. */
  private async inSlot<T>(work: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.running >= TURNS_AT_ONCE) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private async open(team: TeamRef, request: InboundMeta): Promise<Opened> {
    const auth = await this.deps.tokens.authFor(team);
    if (auth.servesOnly !== undefined && auth.servesOnly !== team.teamId) throw new ForeignTeamError(team.teamId, auth.servesOnly);
    const workspace = await ensureWorkspace('slack', team.teamId, auth.teamName, this.deps.defaults);
    return { workspace, api: this.apiFor(auth.botToken || undefined), auth, request };
  }
}
