// People talking to the bot over Bot Framework HTTP (as Teams would), for the jobs' Teams tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../../bot/config';
import { createApp } from '../../../bot/server';
import { mountTeamsBot, type TeamsDoor } from '../../../bot/teams';
import { WorkspaceModel, type WorkspaceDoc } from '../../../models';
import type { ConnectorStub } from '../../support/connector-stub';
import { silent } from './support';

export interface Person {
  id: string;
  name: string;
}

export interface TeamsChat {
  door: TeamsDoor;
  /** Sends `text` (or a card submit in `extra.value`) from `who`, in their personal chat or in `channel`. */
  say(text: string, who: Person, options?: { channel?: string; value?: Record<string, unknown> }): Promise<Partial<Activity>[]>;
  workspace(): Promise<WorkspaceDoc>;
  close(): Promise<void>;
}

let seq = 0;

export async function startTeamsChat(connector: ConnectorStub, serviceUrl: string, tenant: string, now: () => Date): Promise<TeamsChat> {
  const config = loadConfig({ PORT: '0' });
  const app = createApp({ logger: silent, isReady: async () => true });
  const door = mountTeamsBot(app, { config, logger: silent, now });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    door,
    async say(text, who, options = {}) {
      const conversation = options.channel
        ? { id: `${options.channel};messageid=${++seq}`, conversationType: 'channel', tenantId: tenant, isGroup: true }
        : { id: `a:personal-${tenant}-${who.id}`, conversationType: 'personal', tenantId: tenant };
      const body: Partial<Activity> = {
        type: 'message',
        id: `act-${++seq}`,
        text,
        ...(options.value ? { value: options.value } : {}),
        channelId: 'msteams',
        serviceUrl,
        from: { id: who.id, name: who.name },
        recipient: { id: '28:pmo-bot', name: 'PMO' },
        conversation: conversation as Activity['conversation'],
        channelData: { tenant: { id: tenant }, ...(options.channel ? { channel: { id: options.channel }, team: { id: 'team-1' } } : {}) },
      };
      const before = connector.sent.length;
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`the bot answered ${res.status}`);
      return connector.sent.slice(before).filter((s) => s.replyToId === body.id).map((s) => s.activity);
    },
    async workspace() {
      const doc = await WorkspaceModel.findOne({ platform: 'teams', externalId: tenant }).lean<WorkspaceDoc>();
      if (!doc) throw new Error(`no workspace for ${tenant} yet: say something first`);
      return doc;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
