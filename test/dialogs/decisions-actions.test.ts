// Decisions and actions through the dialogs as people use them: the guided forms end to end, unknown keys
// re-asked, and the Update button on their cards.
import type { Activity } from 'botbuilder';
import { TeamsPresenter } from '../../bot/teams/presenter';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS } from '../../cards/verbs';
import type { Command } from '../../core/commands';
import { runCommand } from '../../core/runner';
import { createIssue, createItemOf, createRisk, getItem } from '../../core/services';
import type { World } from '../core/services/fixtures';
import { checkCard } from '../cards/card-checker';
import { nodes } from '../cards/card-query';
import { useTestDatabase } from '../support/db';
import { NOW, play, startChat, type Chat } from './support';

useTestDatabase();

const press = (value: Record<string, unknown>): Partial<Activity> => ({ text: undefined, value });
const submit = (command: string, fields: Record<string, string>) => press({ verb: CARD_VERBS.submitForm, command, ...fields });
const cardOf = (activity: Partial<Activity> | undefined): AdaptiveCard => activity?.attachments?.[0]?.content as AdaptiveCard;

function inputsOf(chat: Chat): Record<string, string> {
  const inputs = nodes(cardOf(chat.last[chat.last.length - 1]).body).filter((n) => String(n.type).startsWith('Input.'));
  return Object.fromEntries(inputs.map((n) => [String(n.id), n.value === undefined ? '' : String(n.value)]));
}

/** R-1 and I-1 in APOLLO, owned by Jane, for decisions and actions to refer to. */
async function seed(world: World): Promise<void> {
  await createRisk(world.ws, world.owner, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5 }, NOW);
  await createIssue(world.ws, world.owner, { title: 'Build server down', projectKey: 'APOLLO' }, NOW);
}

describe('the guided decision form', () => {
  it('asks title, project and what was decided, takes the items it concerns (several keys) at the confirmation, and saves', async () => {
    const chat = await startChat();
    await seed(chat.world);
    await play(chat, [
      { user: 'decision', bot: ['Asking title: What was decided? Give it a short title.'], status: 'waiting' },
      { user: 'Use vendor B', bot: ['Asking project: Which project is it for?'], status: 'waiting' },
      { user: 'apollo', bot: ['Asking outcome: What exactly was decided? (or skip)'], status: 'waiting' },
      { user: 'Switch to vendor B for the API', bot: ['Confirm: title=Use vendor B, project=APOLLO, outcome=Switch to vendor B for the API'] },
      { user: 'edit items', bot: ['Asking items: Which items does it concern? Give their keys, e.g. R-3, I-2.'] },
      { user: 'r-1, I1', bot: ['Confirm: title=Use vendor B, project=APOLLO, outcome=Switch to vendor B for the API, items=R-1, I-1'] },
      { user: 'save', bot: ['Saved D-1 Use vendor B'], status: 'complete' },
    ]);
    const { item } = await getItem(chat.world.ws, 'D-1');
    expect(item).toMatchObject({
      kind: 'decision', title: 'Use vendor B', projectKey: 'APOLLO', outcome: 'Switch to vendor B for the API', items: ['R-1', 'I-1'],
      status: 'proposed', ownerId: 'u-owner', raisedById: 'u-owner',
    });
    expect(await chat.say('show R-1')).toEqual(['Item R-1 Vendor API may slip']);
  });

  it('takes every field from the card in one submission, items as typed', async () => {
    const chat = await startChat();
    await seed(chat.world);
    await chat.say('decision');
    const fields = { title: 'Use vendor B', project: 'APOLLO', outcome: 'Switch', rationale: 'Cheaper', decidedOn: '2026-03-02', items: 'R-1 I-1' };
    expect(await chat.say(submit('decision', fields))).toEqual([
      'Confirm: title=Use vendor B, project=APOLLO, outcome=Switch, rationale=Cheaper, decidedOn=2026-03-02, items=R-1, I-1',
    ]);
    expect(await chat.say(press({ verb: CARD_VERBS.confirmSave, command: 'decision' }))).toEqual(['Saved D-1 Use vendor B']);
    expect((await getItem(chat.world.ws, 'D-1')).item).toMatchObject({ rationale: 'Cheaper', decidedOn: '2026-03-02', items: ['R-1', 'I-1'] });
  });

  it('re-asks the items when one of them does not exist, and saves nothing half-valid', async () => {
    const chat = await startChat();
    await seed(chat.world);
    await play(chat, [
      { user: submit('decision', { title: 'Use vendor B', project: 'APOLLO', outcome: 'Switch', items: 'R-1, R-9' }), bot: ['Asking items: There is no R-9 in this workspace.'] },
      { user: 'R-1 X-2', bot: ['Asking items: Item key must look like R-12, I-3, C-1, D-4 or A-2, got "X-2".'] },
      { user: 'R-1', bot: ['Confirm: title=Use vendor B, project=APOLLO, outcome=Switch, items=R-1'] },
      { user: 'save', bot: ['Saved D-1 Use vendor B'], status: 'complete' },
    ]);
  });
});

describe('the guided action form', () => {
  it('asks title and project, offers owner, due date and the item it serves, and saves an overdue one with a note', async () => {
    const chat = await startChat();
    await seed(chat.world);
    await play(chat, [
      { user: 'action', bot: ['Asking title: What needs doing? Give it a short title.'], status: 'waiting' },
      { user: 'Call the vendor', bot: ['Asking project:'] },
      { user: 'APOLLO', bot: ['Confirm: title=Call the vendor, project=APOLLO, owner=Jane'] },
      { user: 'edit item', bot: ['Asking item: Which item does it serve? Give its key, e.g. R-3.'] },
      { user: 'I-4', bot: ['Asking item: There is no I-4 in this workspace.'] },
      { user: 'r1', bot: ['Confirm: title=Call the vendor, project=APOLLO, owner=Jane, item=R-1'] },
      { user: 'edit due', bot: ['Asking due: When is it due?'] },
      { user: '2026-03-02', bot: ['Confirm: title=Call the vendor, project=APOLLO, owner=Jane, due=2026-03-02, item=R-1'] },
      { user: 'save', bot: ['Saved A-1 Call the vendor (Already overdue: it was due Mon 2 Mar.)'], status: 'complete' },
    ]);
    const { item } = await getItem(chat.world.ws, 'A-1');
    expect(item).toMatchObject({ kind: 'action', title: 'Call the vendor', itemKey: 'R-1', due: '2026-03-02', status: 'open', ownerId: 'u-owner' });
  });
});

/** A Teams chat whose runs are recorded, so a test can see which command a button became. */
async function teamsChat(): Promise<{ chat: Chat; ran: Command[] }> {
  const ran: Command[] = [];
  const run: typeof runCommand = async (command, ctx) => {
    ran.push(command);
    return runCommand(command, ctx);
  };
  const chat = await startChat({ deps: { presenter: new TeamsPresenter(), run } });
  await seed(chat.world);
  return { chat, ran };
}

describe('Update on a decision or action card', () => {
  it('opens the decision form filled in, the items as keys, and saves only what changed', async () => {
    const { chat, ran } = await teamsChat();
    await createItemOf('decision', chat.world.ws, chat.world.owner, { title: 'Use vendor B', projectKey: 'APOLLO', outcome: 'Switch', items: ['R-1', 'I-1'], decidedById: 'u-pm', decidedOn: '2026-03-01' }, NOW);
    const [prompt] = await chat.say(press({ verb: CARD_VERBS.itemUpdate, key: 'D-1' }));
    expect(prompt).toMatch(/^D-1 Use vendor B: change what you need, then save\./);
    const inputs = inputsOf(chat);
    expect(inputs).toEqual({
      title: 'Use vendor B', status: 'proposed', outcome: 'Switch', rationale: '', decidedBy: 'u-pm', decidedOn: '2026-03-01', items: 'R-1, I-1', description: '',
    });
    expect(checkCard(cardOf(chat.last[0]))).toEqual([]);
    const [confirm] = await chat.say(submit('update', { ...inputs, status: 'agreed' }));
    expect(confirm).toBe('Save this update?');
    expect(await chat.say(press({ verb: CARD_VERBS.confirmSave, command: 'update' }))).toEqual(['Updated D-1 Use vendor B']);
    expect(ran).toEqual([{ name: 'update', key: 'D-1', kind: 'decision', fields: { status: 'agreed' } }]);
    expect((await getItem(chat.world.ws, 'D-1')).item).toMatchObject({ status: 'agreed', items: ['R-1', 'I-1'] });
  });

  it('opens the action form filled in; marking it done closes it', async () => {
    const { chat, ran } = await teamsChat();
    await createItemOf('action', chat.world.ws, chat.world.owner, { title: 'Call the vendor', projectKey: 'APOLLO', itemKey: 'R-1', due: '2026-04-30' }, NOW);
    await chat.say(press({ verb: CARD_VERBS.itemUpdate, key: 'A-1' }));
    const inputs = inputsOf(chat);
    expect(inputs).toMatchObject({ title: 'Call the vendor', status: 'open', item: 'R-1', due: '2026-04-30', owner: 'u-owner' });
    expect(checkCard(cardOf(chat.last[0]))).toEqual([]);
    await chat.say(submit('update', { ...inputs, status: 'done' }));
    expect(await chat.say(press({ verb: CARD_VERBS.confirmSave, command: 'update' }))).toEqual(['Closed A-1 Call the vendor']);
    expect(ran).toEqual([{ name: 'update', key: 'A-1', kind: 'action', fields: { status: 'done' } }]);
    expect((await getItem(chat.world.ws, 'A-1')).item).toMatchObject({ status: 'done', itemKey: 'R-1' });
  });
});
