import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import express, { type Express } from 'express';

/** POST /api/messages: Bot Framework activities from Teams (or our local chat) into the bot. */
export function mountTeams(app: Express, adapter: CloudAdapter, bot: ActivityHandler): void {
  app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
}
