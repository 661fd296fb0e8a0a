import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/** A member of a team as Graph lists it (aadUserConversationMember). */
export interface GraphMember {
  userId: string;
  displayName: string;
  roles: string[];
}

/** How the stub answers: `up` as Graph does, or failing the way Graph and its login do. */
export type GraphMode = 'up' | 'members-500' | 'members-429' | 'members-403' | 'token-401';

/**
 * Microsoft Graph and its token endpoint on this machine (plain http on loopback, which the config
 * allows only there). The token endpoint does client credentials for one app; the members call of
 * a team wants that token and answers the members set for the team, with their roles.
 */
export class GraphStub {
  readonly tokenRequests: { tenant: string; grantType?: string; clientId?: string; clientSecret?: string; scope?: string }[] = [];
  /** Every members call: team id and the Authorization header it came with. */
  readonly memberCalls: { team: string; authorization?: string }[] = [];
  readonly issued: string[] = [];
  mode: GraphMode = 'up';
  private readonly teams = new Map<string, GraphMember[]>();
  private server?: http.Server;
  private base = '';

  constructor(private readonly app: { appId: string; appPassword: string }) {}

  /** The members Graph lists for a team (by its group id), in pages of `pageSize`. */
  setMembers(teamGroupId: string, members: GraphMember[]): void {
    this.teams.set(teamGroupId, members);
  }

  pageSize = 100;
  /** Milliseconds the members call waits before it answers (a slow Graph). */
  delayMs = 0;
  /** The Retry-After (seconds) of a `members-429` answer. */
  retryAfterSeconds = 120;

  async start(): Promise<{ graphApiUrl: string; graphTokenUrl: string }> {
    const app = express();
    app.post('/login/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), (req, res) => {
      const body = req.body as Record<string, string | undefined>;
      this.tokenRequests.push({ tenant: String(req.params.tenant), grantType: body.grant_type, clientId: body.client_id, clientSecret: body.client_secret, scope: body.scope });
      if (this.mode === 'token-401' || body.client_id !== this.app.appId || body.client_secret !== this.app.appPassword) {
        res.status(401).json({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
        return;
      }
      const token = `graph-token-${this.issued.length + 1}`;
      this.issued.push(token);
      res.json({ token_type: 'Bearer', expires_in: 3599, access_token: token });
    });
    app.get('/v1.0/teams/:team/members', async (req, res) => {
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const team = String(req.params.team);
      this.memberCalls.push({ team, authorization: req.headers.authorization });
      if (!this.issued.some((t) => req.headers.authorization === `Bearer ${t}`)) {
        res.status(401).json({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
        return;
      }
      if (this.mode === 'members-429') {
        res.status(429).set('retry-after', String(this.retryAfterSeconds)).json({ error: { code: 'TooManyRequests', message: 'Too many requests.' } });
        return;
      }
      if (this.mode === 'members-500') {
        res.status(500).json({ error: { code: 'InternalServerError', message: 'Failed to execute backend request.' } });
        return;
      }
      // Without the team's RSC grant Graph says 403.
      if (this.mode === 'members-403' || !this.teams.has(team)) {
        res.status(403).json({ error: { code: 'Forbidden', message: 'Missing role permissions on the request.' } });
        return;
      }
      const members = this.teams.get(team)!;
      const skip = Number(req.query.$skiptoken ?? 0);
      const page = members.slice(skip, skip + this.pageSize).map((m) => ({
        '@odata.type': '#microsoft.graph.aadUserConversationMember',
        id: `member-${m.userId}`,
        roles: m.roles,
        displayName: m.displayName,
        userId: m.userId,
        email: null,
        tenantId: 'stub-tenant',
      }));
      const next = skip + this.pageSize < members.length ? `${this.base}/v1.0/teams/${team}/members?$skiptoken=${skip + this.pageSize}` : undefined;
      res.json({ '@odata.context': `${this.base}/v1.0/$metadata#teams('${team}')/members`, '@odata.count': page.length, value: page, ...(next ? { '@odata.nextLink': next } : {}) });
    });
    this.server = http.createServer(app);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return { graphApiUrl: `${this.base}/v1.0`, graphTokenUrl: `${this.base}/login/{tenant}/oauth2/v2.0/token` };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
