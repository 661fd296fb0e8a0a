import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Activity } from 'botbuilder';

export interface SentActivity {
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: Partial<Activity>;
}

/**
 * A local Bot Connector: the bot's `serviceUrl` in tests. Records every activity the bot sends
 * (replies and proactive messages) and lets a test wait for them.
 */
export class ConnectorStub {
  readonly sent: SentActivity[] = [];
  private server?: http.Server;
  private waiters: (() => void)[] = [];
  /** http://127.0.0.1:<port>, once started. */
  protected base = '';

  /** More routes of a richer stub (before the activity routes); none here. */
  protected extend(_app: express.Express): void {}

  async start(): Promise<string> {
    const app = express();
    app.use('/v3', express.json({ limit: '1mb' }));
    this.extend(app);
    const record = (req: express.Request, res: express.Response): void => {
      this.sent.push({
        conversationId: String(req.params.conversationId),
        replyToId: req.params.activityId ? String(req.params.activityId) : undefined,
        authorization: req.headers.authorization,
        activity: req.body as Partial<Activity>,
      });
      res.status(200).json({ id: `sent-${this.sent.length}` });
      for (const wake of this.waiters.splice(0)) wake();
    };
    app.post('/v3/conversations/:conversationId/activities/:activityId', record);
    app.post('/v3/conversations/:conversationId/activities', record);
    app.put('/v3/conversations/:conversationId/activities/:activityId', (_req, res) => {
      res.status(200).json({ id: 'updated' });
    });
    this.server = http.createServer(app);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.base}/`;
  }

  /** Waits until at least `count` activities were sent in total (or fails after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<SentActivity[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.sent.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} activities from the bot, got ${this.sent.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.sent;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
