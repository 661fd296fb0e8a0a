import net from 'node:net';
import type { Request, RequestHandler } from 'express';
import type { Config } from '../config';

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);
const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::', '[::]']);

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how a dual-stack socket reports 127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.replace(/^\[|\]$/g, '').replace(/^::ffff:/i, '');
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  return bare === '::1';
}

/** A HOST that listens on every interface (and so names no host). */
export function isWildcardHost(host: string): boolean {
  return WILDCARDS.has(host);
}

/** A HOST value that names this machine only (the local mode default). */
export function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === 'localhost' || isLoopbackAddress(host);
}

/** How a host appears in a Host header or a URL's hostname: lowercase, an IPv6 literal in brackets. */
function asHostName(host: string): string {
  const lower = host.toLowerCase();
  return net.isIPv6(lower) ? `[${lower}]` : lower;
}

/** The name in a Host header, without its port; undefined when the header is not a bare host. */
function hostNameOf(header: string): string | undefined {
  try {
    const { hostname, username, password, pathname, search, hash } = new URL(`http://${header}`);
    return username || password || pathname !== '/' || search || hash ? undefined : hostname;
  } catch {
    return undefined;
  }
}

/** The host name of an Origin header (`null` and non-web schemes have none). */
function originHostName(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** The Host names local mode answers to: loopback, PUBLIC_URL's host, and HOST when it names one. */
export function allowedHostNames(config: Pick<Config, 'host' | 'publicUrl'>): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (config.publicUrl) names.add(new URL(config.publicUrl).hostname.toLowerCase());
  if (!isWildcardHost(config.host)) names.add(asHostName(config.host));
  return names;
}

function refusal(req: Request, names: Set<string>, exposed: boolean): string | undefined {
  // Only a HOST the operator set off loopback opens the door to other machines.
  if (!exposed && !isLoopbackAddress(req.socket.remoteAddress)) {
    return 'Local mode answers only on this machine. Set HOST to listen on the network.';
  }
  const host = hostNameOf(req.headers.host ?? '');
  if (!host || !names.has(host)) {
    // A name that resolves here but is not ours is how DNS rebinding reaches a loopback server.
    return 'Local mode answers only to localhost or 127.0.0.1; set PUBLIC_URL (or HOST) to the name you reach it by.';
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const from = originHostName(origin);
    if (!from || !names.has(from)) return 'Local mode takes no requests from pages of other sites.';
  }
  return undefined;
}

/**
 * Local mode answers as the PMO admin, so only this machine may talk to it: the caller must be on
 * loopback (unless the operator set HOST off loopback), the Host must be one of ours (no DNS
 * rebinding), and a page that posts must be our own (Origin). Anything else gets a 403.
 */
export function localOnly(config: Pick<Config, 'host' | 'publicUrl'>): RequestHandler {
  const names = allowedHostNames(config);
  const exposed = !isLoopbackHost(config.host);
  return (req, res, next) => {
    const why = refusal(req, names, exposed);
    if (why === undefined) return next();
    res.status(403).json({ error: why });
  };
}

/**
 * For POST /api/messages in local mode, which takes no token and makes the bot post to the
 * activity's serviceUrl: only this machine's emulator and tests, even when HOST opened the chat
 * page to the network (else anyone there could make the bot post to a service on this machine).
 */
export function loopbackCallerOnly(): RequestHandler {
  return (req, res, next) => {
    if (isLoopbackAddress(req.socket.remoteAddress)) return next();
    res.status(403).json({ error: 'In local mode /api/messages answers only on this machine.' });
  };
}
