import type { InstallProvider } from '@slack/oauth';

/** What calling the Web API for one Slack team needs. */
export interface BotAuth {
  botToken: string;
  /** The bot's own user id: its mention is stripped from @mentions, its messages ignored. */
  botUserId?: string;
  teamName?: string;
  /** The team the token belongs to, when known: a job for another team is never posted with it. */
  teamId?: string;
  /** Single-workspace mode: the one team this deployment serves; requests from any other are refused. */
  servesOnly?: string;
}

export interface TeamRef {
  teamId: string;
  enterpriseId?: string;
}

/** Where a team's bot token comes from: SLACK_BOT_TOKEN (one workspace) or the OAuth installations. */
export interface TokenSource {
  authFor(team: TeamRef): Promise<BotAuth>;
}

export class NoInstallationError extends Error {
  readonly code = 'slack_no_installation';
  constructor(readonly teamId: string, readonly original?: unknown) {
    super(`PMO Assistant is not installed in Slack team ${teamId}`);
    this.name = 'NoInstallationError';
  }
}

interface AuthTest {
  user_id?: string;
  team_id?: string;
  team?: string;
}

/**
 * One workspace, one token; auth.test (the bot's user id, its team) is asked once, on first use.
 * Until it has answered, nobody can tell the served team from another, so requests wait (fail, to
 * be tried again) rather than run for whichever team sent them.
 */
export class SingleWorkspaceTokens implements TokenSource {
  private identity?: Promise<AuthTest>;

  constructor(private readonly botToken: string, private readonly authTest: () => Promise<AuthTest>) {}

  async authFor(): Promise<BotAuth> {
    this.identity ??= this.authTest().then((identity) => {
      if (!identity.team_id) throw new Error('auth.test named no team for SLACK_BOT_TOKEN');
      return identity;
    });
    const identity = await this.identity.catch((err: unknown) => {
      this.identity = undefined; // asked again next time rather than caching a failure
      throw new Error(`could not ask Slack which team SLACK_BOT_TOKEN belongs to: ${err instanceof Error ? err.message : String(err)}`);
    });
    return { botToken: this.botToken, botUserId: identity.user_id, teamName: identity.team, teamId: identity.team_id, servesOnly: identity.team_id };
  }
}

/** Many workspaces: each team's token from its OAuth installation (bolt's authorize, token rotation included). */
export class InstalledTokens implements TokenSource {
  constructor(private readonly installer: Pick<InstallProvider, 'authorize'>) {}

  /**
   * No installation, or one without a bot token or that no key opens, is final for the team (a
   * NoInstallationError); any other failure (the database away, a token refresh that failed) is
   * thrown as it is, so an acknowledged request is tried again rather than dropped.
   */
  async authFor(team: TeamRef): Promise<BotAuth> {
    let auth;
    try {
      auth = await this.installer.authorize({ teamId: team.teamId, enterpriseId: team.enterpriseId, isEnterpriseInstall: false });
    } catch (err) {
      const cause = (err as { original?: unknown }).original ?? err;
      const code = (cause as { code?: unknown }).code;
      if (code === 'slack_installation_missing' || code === 'slack_installation_unreadable') throw new NoInstallationError(team.teamId, cause);
      throw cause;
    }
    if (!auth.botToken) throw new NoInstallationError(team.teamId, new Error('the installation has no bot token'));
    return { botToken: auth.botToken, botUserId: auth.botUserId, teamId: team.teamId };
  }
}
