// The chat page's own protection: a strict Content-Security-Policy, no framing, no sniffing, no
// referrer. The browser test (local-chat.browser.test.ts) shows Web Chat works under it.
import { startLocalBot, type LocalBot } from './harness';

let bot: LocalBot;
beforeAll(async () => {
  bot = await startLocalBot();
});
afterAll(() => bot.close());

/** The policy as directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources];
  }));
}

describe('the local chat page', () => {
  it('sends a strict Content-Security-Policy that forbids framing', async () => {
    const res = await fetch(`${bot.url}/`);
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // Web Chat writes its styles at run time: allowed by this response's nonce, not by 'unsafe-inline'.
    const style = csp.get('style-src') ?? [];
    expect(style).toContain("'self'");
    expect(style.some((s) => /^'nonce-[A-Za-z0-9+/_-]{16,}={0,2}'$/.test(s))).toBe(true);
    expect(style).not.toContain("'unsafe-inline'");
    for (const sources of csp.values()) expect(sources).not.toContain("'unsafe-eval'");

    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('has no inline script or style: scripts and styles come from this server', async () => {
    const html = await (await fetch(`${bot.url}/`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/[^"]+"/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/); // no inline event handlers

    for (const [, attributes] of scripts) {
      const src = /\ssrc="([^"]+)"/.exec(attributes)![1];
      const asset = await fetch(`${bot.url}${src}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const sheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1];
    expect(sheet).toBeDefined();
    const css = await fetch(`${bot.url}${sheet}`);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });

  it('gives each response its own nonce', async () => {
    const nonce = async (): Promise<string | undefined> => /'nonce-([^']+)'/.exec((await fetch(`${bot.url}/`)).headers.get('content-security-policy') ?? '')?.[1];
    const first = await nonce();
    expect(first).toBeDefined();
    expect(await nonce()).not.toBe(first);
  });
});
