import type { RequestHandler } from 'express';

/** Slack's replay window: a signed request more than five minutes from now, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * bolt refuses stale timestamps but accepts ones from the future; this refuses those too, with
 * the same 401, before bolt reads the body. A missing timestamp is left to bolt (also a 401).
 */
export function futureTimestampGuard(now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['x-slack-request-timestamp'];
    const ts = Number(Array.isArray(header) ? header[0] : header);
    if (header !== undefined && Number.isFinite(ts) && ts > Math.floor(now() / 1000) + MAX_CLOCK_SKEW_SECONDS) {
      res.status(401).send();
      return;
    }
    next();
  };
}
