import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppsManifestValidateArguments } from '@slack/web-api';
import { parse } from 'yaml';
import { LOG_MESSAGE_CALLBACK_ID } from '../../bot/slack/inbound';
import { SLACK_BOT_EVENTS, SLACK_BOT_SCOPES } from '../../bot/slack/scopes';

type Manifest = AppsManifestValidateArguments['manifest'];

const ROOT = path.resolve(__dirname, '../..');
const manifest = parse(readFileSync(path.join(ROOT, 'manifest/slack-manifest.yml'), 'utf8')) as Manifest;
const features = manifest.features ?? {};
const settings = manifest.settings ?? {};
const [command] = features.slash_commands ?? [];

/** What each Web API method, event and feature the code uses needs (Slack's scope reference); null: none. */
const METHOD_SCOPE: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'users.info': 'users:read',
  'views.open': null,
  'views.update': null,
  'views.publish': null,
  'chat.getPermalink': null, // the Log in PMO register shortcut's link back; Slack lists no scope for it
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};
const EVENT_SCOPE: Record<string, string | null> = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  app_home_opened: null,
  app_uninstalled: null,
  tokens_revoked: null,
};

/** Every Web API method bot/slack calls: `call('x.y'` / `call<T>('x.y'`, and files uploads. */
function methodsCalled(): Set<string> {
  const dir = path.join(ROOT, 'bot/slack');
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
  const found = new Set<string>();
  for (const file of files) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    for (const m of source.matchAll(/\.call(?:<[^>]*>)?\('([a-z]+\.[a-zA-Z.]+)'/g)) found.add(m[1]);
  }
  return found;
}

describe('manifest/slack-manifest.yml', () => {
  it('fits Slack’s field limits', () => {
    const info = manifest.display_information;
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect((info.description ?? '').length).toBeLessThanOrEqual(140);
    expect((info.long_description ?? '').length).toBeGreaterThanOrEqual(175);
    expect((info.long_description ?? '').length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(features.bot_user?.display_name.length).toBeLessThanOrEqual(80);
    expect(command.command.length).toBeLessThanOrEqual(32);
    expect((command.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
  });

  it('has the /pmo command, escaped so mentions arrive as <@U…>, on POST /slack/events like events and interactivity', () => {
    expect(features.slash_commands).toHaveLength(1);
    expect(command).toMatchObject({ command: '/pmo', should_escape: true });
    const urls = [command.url, settings.event_subscriptions?.request_url, settings.interactivity?.request_url];
    for (const url of urls) expect(new URL(url ?? '').pathname).toBe('/slack/events');
    expect(new Set(urls.map((u) => new URL(u ?? '').origin)).size).toBe(1);
    expect(settings.interactivity?.is_enabled).toBe(true);
    expect(manifest.oauth_config?.redirect_urls?.map((u) => new URL(u).pathname)).toEqual(['/slack/oauth_redirect']);
  });

  it('has the Log in PMO register message shortcut, on the callback id the app listens for (the commands scope covers it)', () => {
    const shortcuts = (features as { shortcuts?: { name: string; type: string; callback_id: string; description: string }[] }).shortcuts ?? [];
    expect(shortcuts).toEqual([{ name: 'Log in PMO register', type: 'message', callback_id: LOG_MESSAGE_CALLBACK_ID, description: expect.any(String) }]);
    expect(shortcuts[0].name.length).toBeLessThanOrEqual(24);
    expect(shortcuts[0].description.length).toBeLessThanOrEqual(150);
    expect(manifest.oauth_config?.scopes?.bot).toContain('commands');
  });

  it('enables the Home tab and messages to the bot, and no org-wide install (not supported)', () => {
    expect(features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(settings.org_deploy_enabled).toBe(false);
    expect(settings.socket_mode_enabled).toBe(false);
  });

  it('asks for exactly the scopes the OAuth install requests, and subscribes to the events the app listens to', () => {
    expect(manifest.oauth_config?.scopes?.bot).toEqual([...SLACK_BOT_SCOPES]);
    expect(manifest.oauth_config?.scopes?.user ?? []).toEqual([]);
    expect(settings.event_subscriptions?.bot_events).toEqual([...SLACK_BOT_EVENTS]);
  });

  it('asks for no scope the code does not use, and every scope the code needs (least privilege)', () => {
    const called = methodsCalled();
    expect([...called].filter((m) => !(m in METHOD_SCOPE))).toEqual([]); // a new method needs its scope reviewed here
    const needed = new Set<string>(['commands']);
    for (const m of called) if (METHOD_SCOPE[m]) needed.add(METHOD_SCOPE[m] as string);
    for (const e of settings.event_subscriptions?.bot_events ?? []) {
      expect(e in EVENT_SCOPE).toBe(true);
      if (EVENT_SCOPE[e]) needed.add(EVENT_SCOPE[e] as string);
    }
    expect(new Set(manifest.oauth_config?.scopes?.bot)).toEqual(needed);
  });
});
