import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Express, Response } from 'express';
import type { Logger } from 'pino';
import { PmoError } from '../../core/services';
import { writeExportFile, type ExportFile } from './export-file';
import type { ExportLinks } from './links';

export interface ExportFilesDeps {
  links: ExportLinks;
  logger: Logger;
  /** The business clock (overdue is measured against it); tests pin it. */
  now?: () => Date;
}

/** Nothing a browser may cache, sniff into something else, or leak the token through. */
const HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

function plain(res: Response, status: 404 | 410 | 500): void {
  const text = { 404: 'Not found', 410: 'Gone', 500: 'Something went wrong' }[status];
  res.status(status).set(HEADERS).type('text/plain').send(`${text}\n`);
}

/**
 * GET /files/<token>: a signed export link, streamed as a CSV attachment. Made afresh for each
 * request under the asker's permission now; a bad, tampered or refused token is a plain 404, an
 * expired one a 410, with no detail either way.
 */
export function mountExportFiles(app: Express, deps: ExportFilesDeps): void {
  const logger = deps.logger.child({ route: 'files' });
  app.get('/files/:token', async (req, res) => {
    const verdict = deps.links.verify(String(req.params.token ?? ''));
    if (verdict.status !== 'ok') {
      plain(res, verdict.status === 'expired' ? 410 : 404);
      return;
    }
    let file: ExportFile;
    try {
      file = await writeExportFile(verdict.spec, deps.now?.() ?? new Date());
    } catch (err) {
      if (err instanceof PmoError) plain(res, 404);
      else {
        logger.error({ err: (err as Error).message }, 'could not make an export for a download link');
        plain(res, 500);
      }
      return;
    }
    try {
      res.status(200).set({
        ...HEADERS,
        'content-type': 'text/csv; charset=utf-8',
        'content-length': String(file.bytes),
        'content-disposition': `attachment; filename="${file.filename}"`,
      });
      await pipeline(createReadStream(file.path), res);
    } catch (err) {
      logger.info({ err: (err as Error).message }, 'a download ended early');
    } finally {
      await file.dispose();
    }
  });
}
