// An item logged from a chat message keeps a link to it: show carries the link, and its history
// says it was logged from a message by the message's author (issue 15's shared part).
import { changeText } from '../../../cards/history';
import { useTestDatabase } from '../../support/db';
import { makeWorld, runFor } from './world';

useTestDatabase();

const SOURCE = { url: 'https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1700000000000', authorName: 'Priya Shah' };

it('keeps the message link on the item, shows it, and names the author in the history', async () => {
  const world = await makeWorld();
  const saved = await runFor(world, world.owner, 'risk Vendor API slips two weeks p=4 i=4 project=APOLLO', 'saved', { source: SOURCE });
  expect(saved.view.item).toMatchObject({ key: 'R-1', sourceUrl: SOURCE.url });
  const shown = await runFor(world, world.owner, 'show R-1', 'item');
  expect(shown.view.sourceUrl).toBe(SOURCE.url);
  const created = shown.history.find((h) => h.action === 'created');
  expect(created && changeText(created, (t) => t ?? '')).toBe('logged from a message by Priya Shah');
});

it('an item typed as a command has no source, and its history just says created', async () => {
  const world = await makeWorld();
  await runFor(world, world.owner, 'issue Build server down project=APOLLO', 'saved');
  const shown = await runFor(world, world.owner, 'show I-1', 'item');
  expect(shown.view.sourceUrl).toBeUndefined();
  expect(shown.history.map((h) => changeText(h, (t) => t ?? ''))).toEqual(['created']);
});
