// Posting proactively (the jobs' way in) and Socket Mode's wiring.
import { ConversationRefModel } from '../../../models';
import { SlackPresenter } from '../../../bot/slack/presenter';
import { useTestDatabase } from '../../support/db';
import { BOT_TOKEN, useSlackBot } from '../../support/slack-harness';

useTestDatabase();

const { stub, bot, startAnother } = useSlackBot({ users: { UADA: { name: 'Ada Admin' } } });

describe('proactive messages', () => {
  it('remembers the DM and the channel, and posts to them through continueConversation', async () => {
    await bot.sender.dm('help', { team: 'T1', user: 'UADA' });
    await bot.sender.mention('help', { team: 'T1', user: 'UADA', channel: 'CEXEC' });
    await bot.slack.idle();
    const dm = await ConversationRefModel.findOne({ platform: 'slack', conversationId: 'DUADA' }).lean();
    const channel = await ConversationRefModel.findOne({ platform: 'slack', conversationId: 'CEXEC' }).lean();
    expect(dm).toMatchObject({ kind: 'personal', userId: 'UADA' });
    expect(channel).toMatchObject({ kind: 'channel', channelId: 'CEXEC' });

    const presenter = new SlackPresenter();
    const before = stub.calls.length;
    for (const ref of [dm, channel]) {
      await bot.slack.adapter.continueConversation(ref!.reference, async (context) => {
        await context.sendActivity(presenter.text('R-7 is overdue'));
      });
    }
    const posts = stub.callsTo('chat.postMessage', before);
    expect(posts.map((p) => [p.args.channel, p.args.text, p.token])).toEqual([
      ['DUADA', 'R-7 is overdue', BOT_TOKEN],
      ['CEXEC', 'R-7 is overdue', BOT_TOKEN],
    ]);
    expect(posts.every((p) => p.args.thread_ts === undefined)).toBe(true);
  });
});

describe('Socket Mode (SLACK_APP_TOKEN)', () => {
  it('connects out through apps.connections.open on SLACK_API_URL instead of serving POST /slack/events', async () => {
    stub.on('apps.connections.open', () => ({ url: 'ws://127.0.0.1:9/unreachable' }));
    const socket = await startAnother({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A1-test' });
    try {
      expect(socket.slack.mode).toBe('socket');
      const deadline = Date.now() + 5000;
      while (stub.callsTo('apps.connections.open').length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(stub.callsTo('apps.connections.open')[0]?.token).toBe('xapp-1-A1-test');
      const { res } = await socket.sender.command('help', { team: 'T1', user: 'UADA' });
      expect(res.status).toBe(404);
    } finally {
      await socket.close();
    }
  });
});
