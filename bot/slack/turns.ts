import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { WorkspaceDoc } from '../../models';
import { ensureWorkspace } from '../../core/services';
import { SlackApi, type SlackApiOptions } from './api';
import type { SlackAdapter } from './adapter';
import type { DeliveryClaims } from './dedupe';
import type { Inbound } from './inbound';
import type { BotAuth, TeamRef, TokenSource } from './tokens';

/** A team's request, claimed and authorised: what the work after the ack runs with. */
export interface Opened {
  workspace: WorkspaceDoc;
  api: SlackApi;
  auth: BotAuth;
}

export interface SlackTurnsDeps {
  tokens: TokenSource;
  claims: DeliveryClaims;
  adapter: SlackAdapter;
  /** The dialogs' entry: SlackBot.run. */
  logic: (context: TurnContext) => Promise<void>;
  api: Omit<SlackApiOptions, 'logger'>;
  defaults: { timeZone: string };
  logger: Logger;
  now?: () => Date;
}

/**
 * Everything after the ack: listeners hand their request here and return, so Slack gets its 200
 * at once. Each request is claimed once (dedupe) before any work, and errors end in the log.
 */
/**
 * Requests worked on at once; the rest wait their turn. Acks are cheap but share the event loop
 * with this work, so a burst of fifty must not become fifty turns competing with the next acks.
 */
export const TURNS_AT_ONCE = 6;

export class SlackTurns {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly apis = new Map<string, SlackApi>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly deps: SlackTurnsDeps) {}

  /** A place among the TURNS_AT_ONCE, taken after the current round of I/O (other acks) is done. */
  private async slot(): Promise<() => void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.running >= TURNS_AT_ONCE) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }

  /** A command, message, mention, button or modal submit, through the shared dialogs. */
  conversation(inbound: Inbound): void {
    this.dispatch(inbound.key, inbound.turn, async ({ workspace, api, auth }) => {
      await this.deps.adapter.processSlackTurn(inbound.activity, { turn: inbound.turn, api, workspace, botUserId: auth.botUserId }, this.deps.logic);
    });
  }

  /** Other work for a team (the Home tab, an uninstall), claimed and authorised the same way. */
  dispatch(key: string, team: TeamRef & { teamName?: string }, work: (opened: Opened) => Promise<void>, needsToken = true): void {
    const run = this.slot().then(async (release) => {
      try {
        const opened = await this.open(key, team, needsToken);
        if (opened) await work(opened);
      } catch (e) {
        const err = e as Error & { code?: string };
        if (err.code === 'slack_no_installation') this.deps.logger.warn({ team: team.teamId }, 'Slack request from a team without an installation; ignored');
        else this.deps.logger.error({ key, team: team.teamId, err: err.message, stack: err.stack }, 'Slack request failed after its ack');
      } finally {
        release();
        this.inFlight.delete(run);
      }
    });
    this.inFlight.add(run);
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

  private async open(key: string, team: TeamRef & { teamName?: string }, needsToken: boolean): Promise<Opened | null> {
    const now = this.deps.now?.() ?? new Date();
    const auth: BotAuth = needsToken ? await this.deps.tokens.authFor(team) : { botToken: '' };
    const workspace = await ensureWorkspace('slack', team.teamId, auth.teamName ?? team.teamName, this.deps.defaults);
    if (!(await this.deps.claims.claim(workspace._id, key, now))) {
      this.deps.logger.info({ key, team: team.teamId }, 'Slack delivery already taken (a retry, or another instance); skipped');
      return null;
    }
    return { workspace, api: this.apiFor(auth.botToken || undefined), auth };
  }
}
