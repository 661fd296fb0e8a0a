import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { isLoopbackHost } from '../local/guard';

/** One HTTP request's time box for a file body. */
const UPLOAD_TIMEOUT_MS = 120_000;

/** A stored file's bytes [start, end] as a request body, streamed from disk (never read whole). */
export async function sendFileRange(
  url: string,
  method: 'PUT' | 'POST',
  file: { path: string },
  range: { start: number; end: number },
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = Readable.toWeb(createReadStream(file.path, { start: range.start, end: range.end }));
  const init = {
    method,
    headers: { ...headers, 'content-length': String(range.end - range.start + 1) },
    body,
    duplex: 'half',
    redirect: 'error', // an upload URL that redirects is not the one we were given
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  };
  return fetch(url, init as RequestInit);
}

/** Upload URLs come from the platform; plain http only to this machine (the local stubs). */
export function isUploadUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 4096) return false;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}
