import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/** One call the bot made: a Web API method, a response_url post (`response_url`) or a file upload (`upload`). */
export interface SlackCall {
  method: string;
  token?: string;
  args: Record<string, unknown>;
  at: number;
  /** What the stub answered (a successful answer's body), e.g. chat.postMessage's `ts`. */
  response?: Record<string, unknown>;
}

export interface StubUser {
  name: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

export interface StubTeam {
  id: string;
  name: string;
  botUserId: string;
}

type Handler = (args: Record<string, unknown>, token: string | undefined) => Record<string, unknown>;

/** Nested arguments (blocks, view) arrive JSON-encoded inside the form body. */
function decode(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body ?? {})) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // a plain string that starts with a bracket
      }
    }
    out[k] = v;
  }
  return out;
}

/**
 * A local Slack Web API (SLACK_API_URL) and response_url host. Records every call, answers like
 * Slack does, and can be told to rate-limit or fail a method.
 */
export class SlackApiStub {
  readonly calls: SlackCall[] = [];
  /** By user id: what users.info answers. */
  readonly users = new Map<string, StubUser>();
  /** By bot token: the team auth.test answers with. */
  readonly teams = new Map<string, StubTeam>();
  /** What oauth.v2.access answers next (an install). */
  nextInstall?: { team: StubTeam; token: string; installerId: string };
  private readonly limits = new Map<string, number[]>();
  private readonly failures = new Map<string, string[]>();
  private readonly overrides = new Map<string, Handler>();
  private readonly delays = new Map<string, number>();
  private server?: http.Server;
  private base = '';
  private seq = 0;

  /** Starts listening; returns the Web API base URL for SLACK_API_URL. */
  async start(): Promise<string> {
    const app = express();
    app.use(express.urlencoded({ extended: false, limit: '5mb' }));
    app.use(express.json({ limit: '5mb' }));
    app.post('/response/:id', async (req, res) => {
      const delay = this.delays.get('response_url');
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay).unref());
      this.record('response_url', undefined, { ...(req.body as Record<string, unknown>), responseUrlId: req.params.id });
      res.status(200).send('ok');
    });
    app.post('/upload/:id', express.raw({ type: '*/*', limit: '5mb' }), (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      this.record('upload', undefined, { fileId: req.params.id, bytes: body.length, contentLength: req.headers['content-length'], content: body.toString('utf8') });
      res.status(200).send('OK');
    });
    app.post('/api/:method', async (req, res) => {
      const method = String(req.params.method);
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      const args = decode(req.body as Record<string, unknown>);
      const call = this.record(method, token, args);
      const delay = this.delays.get(method);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      const retryAfter = this.limits.get(method)?.shift();
      if (retryAfter !== undefined) {
        res.status(429).set('Retry-After', String(retryAfter)).json({ ok: false, error: 'ratelimited' });
        return;
      }
      const failure = this.failures.get(method)?.shift();
      if (failure !== undefined) {
        res.status(200).json({ ok: false, error: failure });
        return;
      }
      const response = { ok: true, ...this.answer(method, args, token) };
      call.response = response;
      res.status(200).json(response);
    });
    this.server = http.createServer(app);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.base}/api`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A response_url that posts back here. */
  responseUrl(id: string): string {
    return `${this.base}/response/${id}`;
  }

  /** The next `times` calls of `method` answer 429 with this Retry-After. */
  rateLimit(method: string, retryAfterSeconds: number, times = 1): void {
    this.limits.set(method, [...(this.limits.get(method) ?? []), ...Array<number>(times).fill(retryAfterSeconds)]);
  }

  /** The next call of `method` answers `{ ok: false, error }`. */
  fail(method: string, error: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** Answers `method` only after `ms` (0 to stop). */
  delay(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /** Answers `method` with this handler from now on. */
  on(method: string, handler: Handler): void {
    this.overrides.set(method, handler);
  }

  /** Answers `method` as the stub does by default again. */
  off(method: string): void {
    this.overrides.delete(method);
  }

  callsTo(method: string, since = 0): SlackCall[] {
    return this.calls.slice(since).filter((c) => c.method === method);
  }

  private record(method: string, token: string | undefined, args: Record<string, unknown>): SlackCall {
    const call: SlackCall = { method, token, args, at: Date.now() };
    this.calls.push(call);
    return call;
  }

  private answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const override = this.overrides.get(method);
    if (override) return override(args, token);
    const n = ++this.seq;
    switch (method) {
      case 'auth.test': {
        const team = this.teams.get(token ?? '') ?? { id: 'T0', name: 'Unknown', botUserId: 'UBOT' };
        return { url: 'https://example.slack.com/', team: team.name, team_id: team.id, user: 'pmo', user_id: team.botUserId, bot_id: 'B1' };
      }
      case 'users.info': {
        const id = String(args.user);
        const user = this.users.get(id) ?? { name: `User ${id}` };
        return {
          user: {
            id, name: user.name.toLowerCase().replace(/\s+/g, '.'), real_name: user.name,
            is_admin: user.isAdmin ?? false, is_owner: user.isOwner ?? false, is_primary_owner: false,
            profile: { display_name: user.name, real_name: user.name },
          },
        };
      }
      case 'chat.postMessage':
        return { channel: args.channel, ts: `1700000000.${String(n).padStart(6, '0')}`, message: { text: args.text } };
      case 'views.open':
        return { view: { id: `V${n}`, hash: `h${n}` } };
      case 'views.update':
      case 'views.publish':
        return { view: { id: args.view_id ?? `V${n}`, hash: `h${n}` } };
      case 'oauth.v2.access': {
        const install = this.nextInstall;
        if (!install) return { ok: false, error: 'invalid_code' };
        this.teams.set(install.token, install.team);
        return {
          app_id: 'A1', authed_user: { id: install.installerId }, scope: 'commands,chat:write', token_type: 'bot',
          access_token: install.token, bot_user_id: install.team.botUserId, team: { id: install.team.id, name: install.team.name },
          enterprise: null, is_enterprise_install: false,
        };
      }
      case 'files.getUploadURLExternal':
        return { upload_url: `${this.base}/upload/F${n}`, file_id: `F${n}` };
      case 'files.completeUploadExternal':
        return { files: [{ id: 'F1', title: args.filename }] };
      default:
        return {};
    }
  }
}
