import { HTTPModuleFunctions, verifySlackRequest, type BufferedIncomingMessage } from '@slack/bolt';
import type { Request, RequestHandler, Response } from 'express';

/** Slack's replay window: a signed request more than five minutes from now, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * The largest body /slack/events reads. Slack's biggest requests are a message event (text cut at
 * 40,000 characters, repeated in its rich-text blocks: under 500 KB even fully \u-escaped) and a
 * view_submission or block_actions carrying a view of at most 100 blocks or a message of ours; 1 MiB
 * is twice the worst of them, a quarter of bolt's default (4 MB).
 */
export const SLACK_BODY_LIMIT = 1024 * 1024;

/**
 * bolt refuses stale timestamps but accepts ones from the future; this refuses those too, with
 * the same 401, before anything reads the body.
 */
export function futureTimestampGuard(now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['x-slack-request-timestamp'];
    const ts = Number(Array.isArray(header) ? header[0] : header);
    if (header !== undefined && Number.isFinite(ts) && ts > Math.floor(now() / 1000) + MAX_CLOCK_SKEW_SECONDS) {
      refuseUnread(res, 401, 'request timestamp is in the future');
      return;
    }
    next();
  };
}

/** A refusal before the whole body was read: the socket closes after it, so the rest is never read. */
function refuseUnread(res: Response, status: number, error: string): void {
  res.set('connection', 'close').status(status).json({ error });
}

/** The body, or why there is none: over `limit` (reading stops there), or the client went away. */
function readBody(req: Request, limit: number): Promise<Buffer | 'too large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | 'too large' | 'aborted'): void => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish('too large');
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = (): void => finish(Buffer.concat(chunks, size));
    const onAbort = (): void => finish('aborted');
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onAbort);
  });
}

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * In front of bolt on POST /slack/events: a request without Slack's signature headers is refused
 * (401) and one whose Content-Length is over the limit (413) before any of its body is read; a body
 * that streams past the limit stops being read (413). A body that arrives whole is checked against
 * its signature (401) and parsed (400) with bolt's own functions, then handed to bolt as `rawBody`,
 * which bolt verifies again and uses instead of reading the request. Refusals are JSON.
 */
export function signedBodyGuard(signingSecret: string, limit = SLACK_BODY_LIMIT, now: () => number = Date.now): RequestHandler {
  return async (req, res, next) => {
    const signature = header(req, 'x-slack-signature');
    const timestamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !timestamp) return refuseUnread(res, 401, 'missing Slack signature');
    if (Number(req.headers['content-length'] ?? 0) > limit) return refuseUnread(res, 413, 'body too large');

    const body = await readBody(req, limit);
    if (body === 'aborted') return;
    if (body === 'too large') return refuseUnread(res, 413, 'body too large');
    try {
      verifySlackRequest({ signingSecret, body: body.toString(), headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) }, nowMilliseconds: now() });
    } catch {
      res.status(401).json({ error: 'invalid Slack signature' });
      return;
    }
    const buffered: BufferedIncomingMessage = Object.assign(req, { rawBody: body });
    try {
      HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      res.status(400).json({ error: 'malformed body' });
      return;
    }
    next();
  };
}
