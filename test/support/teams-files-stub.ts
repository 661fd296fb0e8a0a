import express from 'express';
import type { Activity } from 'botbuilder';
import { ConnectorStub } from './connector-stub';

/** One PUT the bot made into an upload session: its headers and bytes. */
export interface UploadPut {
  session: string;
  contentRange?: string;
  contentLength?: string;
  authorization?: string;
  body: Buffer;
}

/** A conversation the bot asked the connector to create (a personal chat opened proactively). */
export interface CreatedConversation {
  id: string;
  params: Record<string, unknown>;
}

/**
 * A local Bot Connector for file tests (the bot's serviceUrl) that also plays OneDrive: it also
 * opens personal chats on POST /v3/conversations, and serves upload sessions at
 * PUT /upload/<session> the way OneDrive does (Content-Range in order; 202 until the last byte,
 * then 201 with the item).
 */
export class TeamsFilesStub extends ConnectorStub {
  readonly puts: UploadPut[] = [];
  readonly created: CreatedConversation[] = [];
  /** Answer createConversation with this status instead (e.g. 403, the bot cannot reach the user). */
  refuseCreate?: number;
  private readonly received = new Map<string, Buffer[]>();

  protected override extend(app: express.Express): void {
    app.post('/v3/conversations', (req, res) => {
      if (this.refuseCreate) {
        res.status(this.refuseCreate).json({ error: { code: 'Forbidden', message: 'The bot is not installed for this user.' } });
        return;
      }
      const id = `a:opened-${this.created.length + 1}`;
      this.created.push({ id, params: req.body as Record<string, unknown> });
      res.status(201).json({ id });
    });
    app.put('/upload/:session', express.raw({ type: () => true, limit: '50mb' }), (req, res) => this.upload(req, res));
  }

  /** The uploadUrl Teams would hand over for a new session. */
  uploadUrl(session: string): string {
    return `${this.base}/upload/${session}`;
  }

  /** Everything a session received, in order. */
  uploaded(session: string): Buffer {
    return Buffer.concat(this.received.get(session) ?? []);
  }

  /** Activities sent to a conversation since `from`. */
  to(conversationId: string, from = 0): Partial<Activity>[] {
    return this.sent.slice(from).filter((s) => s.conversationId === conversationId).map((s) => s.activity);
  }

  private upload(req: express.Request, res: express.Response): void {
    const session = String(req.params.session);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const contentRange = req.headers['content-range'];
    this.puts.push({ session, contentRange, contentLength: req.headers['content-length'], authorization: req.headers.authorization, body });
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange ?? '');
    const sofar = this.uploaded(session).length;
    if (!range || Number(range[1]) !== sofar || Number(range[2]) - Number(range[1]) + 1 !== body.length) {
      res.status(416).json({ error: { code: 'invalidRange', message: `expected bytes from ${sofar}` } });
      return;
    }
    this.received.set(session, [...(this.received.get(session) ?? []), body]);
    const total = Number(range[3]);
    if (sofar + body.length < total) {
      res.status(202).json({ expirationDateTime: '2030-01-01T00:00:00Z', nextExpectedRanges: [`${sofar + body.length}-`] });
      return;
    }
    res.status(201).json({ id: `item-${session}`, name: session, size: total });
  }
}
