// The buttons on an item's card: Update opens its form filled in, Close and Escalate run as typed, all through the runner.
import type { Activity } from 'botbuilder';
import { TeamsPresenter } from '../../bot/teams/presenter';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS } from '../../cards/verbs';
import type { Command } from '../../core/commands';
import { runCommand } from '../../core/runner';
import { createIssue, createRisk, getItem } from '../../core/services';
import type { World } from '../core/services/fixtures';
import { checkCard } from '../cards/card-checker';
import { nodes } from '../cards/card-query';
import { useTestDatabase } from '../support/db';
import { startChat, type Chat, type ChatOptions } from './support';

useTestDatabase();

const press = (value: Record<string, unknown>): Partial<Activity> => ({ text: undefined, value });
const update = (key: string) => press({ verb: CARD_VERBS.itemUpdate, key });
const close = (key: string) => press({ verb: CARD_VERBS.itemClose, key });
const escalate = (key: string) => press({ verb: CARD_VERBS.itemEscalate, key });
const saveChanges = press({ verb: CARD_VERBS.confirmSave, command: 'update' });

const cardOf = (activity: Partial<Activity> | undefined): AdaptiveCard => activity?.attachments?.[0]?.content as AdaptiveCard;

/** The inputs of the card the bot sent last, as Teams submits them (every value a string). */
function inputsOf(chat: Chat): Record<string, string> {
  const inputs = nodes(cardOf(chat.last[chat.last.length - 1]).body).filter((n) => String(n.type).startsWith('Input.'));
  return Object.fromEntries(inputs.map((n) => [String(n.id), n.value === undefined ? '' : String(n.value)]));
}

/** The card's buttons, by title. */
const buttonsOf = (activity: Partial<Activity> | undefined): string[] => (cardOf(activity).actions ?? []).map((a) => a.title);

/** NOW in the dialog support is 10 March 2026. */
const seedRisk = (world: World) =>
  createRisk(world.ws, world.owner, {
    title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-04-30', mitigation: 'Weekly vendor call',
  }, new Date('2026-03-01T10:00:00Z'));

/** A Teams chat whose runs are recorded, so a test can see which command a button became. */
async function chatWith(options: ChatOptions = {}): Promise<{ chat: Chat; ran: Command[] }> {
  const ran: Command[] = [];
  const run: typeof runCommand = async (command, ctx) => {
    ran.push(command);
    return runCommand(command, ctx);
  };
  const chat = await startChat({ ...options, deps: { presenter: new TeamsPresenter(), run } });
  await seedRisk(chat.world);
  return { chat, ran };
}

describe('Update', () => {
  it('opens the risk form filled in with the current values (no project: update cannot move it)', async () => {
    const { chat } = await chatWith();
    const [prompt] = await chat.say(update('R-1'));
    expect(prompt).toMatch(/^R-1 Vendor API may slip: change what you need, then save\./);
    expect(inputsOf(chat)).toEqual({
      title: 'Vendor API may slip', status: 'open', probability: '4', impact: '5', owner: 'u-owner', due: '2026-04-30',
      description: '', response: '', mitigation: 'Weekly vendor call', review: '',
    });
    expect(checkCard(cardOf(chat.last[0]))).toEqual([]);
    expect(chat.client.dialogTurnResult.status).toBe('waiting');
  });

  it('saving one changed field sends update with only that field; history records it', async () => {
    const { chat, ran } = await chatWith();
    await chat.say(update('R-1'));
    const [confirm] = await chat.say(press({ verb: CARD_VERBS.submitForm, command: 'update', ...inputsOf(chat), impact: '2' }));
    expect(confirm).toBe('Save this update?');
    expect(await chat.say(saveChanges)).toEqual(['Updated R-1 Vendor API may slip']);
    expect(ran).toEqual([{ name: 'update', key: 'R-1', kind: 'risk', fields: { impact: 2 } }]);
    const { item, history } = await getItem(chat.world.ws, 'R-1');
    expect(item).toMatchObject({ probability: 4, impact: 2, score: 8, due: '2026-04-30', mitigation: 'Weekly vendor call', status: 'open' });
    expect(history.filter((h) => h.action === 'updated' && h.field === 'impact')).toMatchObject([{ byId: 'u-owner', from: 5, to: 2 }]);
    expect(history.some((h) => h.action === 'updated' && ['title', 'probability', 'due', 'mitigation', 'ownerId'].includes(h.field ?? ''))).toBe(false);
  });

  it('re-asks a bad field with its reason and saves nothing half-valid', async () => {
    const { chat, ran } = await chatWith();
    await chat.say(update('R-1'));
    const [again] = await chat.say(press({ verb: CARD_VERBS.submitForm, command: 'update', ...inputsOf(chat), probability: '9', review: '31 Feb' }));
    expect(again).toMatch(/^Probability must be a whole number from 1 to 5/);
    expect(ran).toEqual([]);
    expect(await chat.say(press({ verb: CARD_VERBS.submitForm, command: 'update', ...inputsOf(chat), probability: '2', review: '' }))).toEqual(['Save this update?']);
    await chat.say(saveChanges);
    expect(ran).toEqual([{ name: 'update', key: 'R-1', kind: 'risk', fields: { probability: 2 } }]);
  });

  it('typed: the title is asked, other fields by edit FIELD; none clears an optional field', async () => {
    const { chat, ran } = await chatWith();
    await chat.say(update('R-1'));
    expect(await chat.say('Vendor API will slip')).toEqual(['Save this update?']);
    await chat.say('edit mitigation');
    expect(await chat.say('none')).toEqual(['Save this update?']);
    expect(await chat.say('save')).toEqual(['Updated R-1 Vendor API will slip']);
    expect(ran).toEqual([{ name: 'update', key: 'R-1', kind: 'risk', fields: { title: 'Vendor API will slip', mitigation: '' } }]);
    expect((await getItem(chat.world.ws, 'R-1')).item).toMatchObject({ title: 'Vendor API will slip', mitigation: '', probability: 4 });
  });

  it('typed: keep, same, skip or even save at the asked title keeps it (never a title "save")', async () => {
    for (const [keep, p] of [['keep', 2], ['same', 3], ['skip', 1], ['save', 5]] as const) {
      const { chat, ran } = await chatWith();
      await chat.say(update('R-1'));
      expect(await chat.say(keep)).toEqual(['Save this update?']);
      await chat.say('edit probability');
      await chat.say(String(p));
      expect(await chat.say('save')).toEqual([expect.stringMatching(/^Updated R-1 /)]);
      expect(ran).toEqual([{ name: 'update', key: 'R-1', kind: 'risk', fields: { probability: p } }]);
    }
  });

  it('an issue gets its own fields, and resolving it through the form closes it', async () => {
    const { chat, ran } = await chatWith();
    await createIssue(chat.world.ws, chat.world.owner, { title: 'Build server down', projectKey: 'APOLLO', priority: 'high' }, new Date('2026-03-02T10:00:00Z'));
    await chat.say(update('I-1'));
    expect(Object.keys(inputsOf(chat)).sort()).toEqual(['description', 'due', 'owner', 'priority', 'resolution', 'status', 'title', 'type']);
    await chat.say(press({ verb: CARD_VERBS.submitForm, command: 'update', ...inputsOf(chat), status: 'resolved', resolution: 'Rebooted' }));
    expect(await chat.say(saveChanges)).toEqual(['Closed I-1 Build server down']);
    expect(ran).toEqual([{ name: 'update', key: 'I-1', kind: 'issue', fields: { status: 'resolved', resolution: 'Rebooted' } }]);
    expect((await getItem(chat.world.ws, 'I-1')).item).toMatchObject({ status: 'resolved', resolution: 'Rebooted', priority: 'high' });
  });

  it('an edit card saved after its form ended says it expired and saves nothing', async () => {
    const { chat, ran } = await chatWith();
    await chat.say(update('R-1'));
    const card = inputsOf(chat);
    expect(await chat.say('cancel')).toEqual(['Cancelled — nothing was saved.']);
    expect(await chat.say(press({ verb: CARD_VERBS.submitForm, command: 'update', ...card, impact: '1' }))).toEqual([
      'That card has expired, so nothing was saved. Type the command again to start over.',
    ]);
    expect(ran).toEqual([]);
    expect((await getItem(chat.world.ws, 'R-1')).item).toMatchObject({ impact: 5 });
  });

  it('of an item that does not exist, or a key that is none, says so and opens nothing', async () => {
    const { chat } = await chatWith();
    expect(await chat.say(update('R-99'))).toEqual([expect.stringMatching(/R-99/)]);
    expect(await chat.say(update('R-1; drop'))).toEqual([expect.stringMatching(/is not an item key/)]);
    expect(chat.client.dialogTurnResult.status).toBe('complete');
  });
});

describe('Close and Escalate', () => {
  it('Close closes the item as `close R-1` would, with history; an old card pressed again says it is closed already', async () => {
    const { chat, ran } = await chatWith();
    expect(await chat.say(close('R-1'))).toEqual(['Closed R-1 Vendor API may slip']);
    expect(buttonsOf(chat.last[0])).toEqual(['Update']);
    expect(ran).toEqual([{ name: 'close', key: 'R-1', kind: 'risk' }]);
    const { item, history } = await getItem(chat.world.ws, 'R-1');
    expect(item.status).toBe('closed');
    expect(history[history.length - 1]).toMatchObject({ action: 'closed', byId: 'u-owner', from: 'open', to: 'closed' });
    expect(await chat.say(close('R-1'))).toEqual(['R-1 is already closed; there is nothing to close.']);
    expect(ran).toHaveLength(1);
  });

  it('Escalate turns the risk into an issue, linked both ways, whose card offers Update, Close, Escalate and the way back', async () => {
    const { chat, ran } = await chatWith();
    expect(await chat.say(escalate('R-1'))).toEqual(['Escalated I-1 Vendor API may slip']);
    expect(buttonsOf(chat.last[0])).toEqual(['Update', 'Close', 'Escalate', 'Open R-1']);
    expect(ran).toEqual([{ name: 'escalate', key: 'R-1' }]);
    expect((await getItem(chat.world.ws, 'R-1')).item).toMatchObject({ status: 'closed', escalatedTo: 'I-1' });
    expect(await chat.say(escalate('R-1'))).toEqual(['R-1 was already escalated to I-1.']);
  });

  it('Escalate on the issue raises a change request whose card opens the issue; the issue then opens both sides', async () => {
    const { chat, ran } = await chatWith();
    await chat.say(escalate('R-1'));
    expect(await chat.say(escalate('I-1'))).toEqual(['Escalated C-1 Vendor API may slip']);
    expect(buttonsOf(chat.last[0])).toEqual(['Update', 'Close', 'Open I-1']);
    expect(checkCard(cardOf(chat.last[0]))).toEqual([]);
    expect(ran).toEqual([{ name: 'escalate', key: 'R-1' }, { name: 'escalate', key: 'I-1' }]);
    await chat.say('show I-1');
    expect(buttonsOf(chat.last[0])).toEqual(['Update', 'Close', 'Open R-1', 'Open C-1']);
    expect(await chat.say(escalate('I-1'))).toEqual(['I-1 was already escalated to C-1.']);
  });
});

describe('while a form waits', () => {
  it('a card’s Close ends the form with one line and closes the item; Update then opens its own form', async () => {
    const { chat, ran } = await chatWith();
    await chat.say('risk');
    expect(await chat.say(close('R-1'))).toEqual(['Left the risk you were logging; nothing was saved.', 'Closed R-1 Vendor API may slip']);
    expect(ran).toEqual([{ name: 'close', key: 'R-1', kind: 'risk' }]);
    const [prompt] = await chat.say(update('R-1'));
    expect(prompt).toMatch(/^R-1 Vendor API may slip: change what you need/);
    expect(inputsOf(chat)).toMatchObject({ status: 'closed' });
  });
});

describe('a member who is not the owner, the PM or a PMO admin', () => {
  it('sees no buttons, and pressing them anyway (an old card) is refused as typing would be, nothing changed', async () => {
    const { chat } = await chatWith({ actor: (world) => world.other });
    await chat.say('show R-1');
    expect(buttonsOf(chat.last[0])).toEqual([]);
    const refused = (verb: string) => `Only the owner (Jane), the project's PM (Sam) or a PMO admin can ${verb} R-1.`;
    expect(await chat.say(update('R-1'))).toEqual([refused('update')]);
    expect(chat.client.dialogTurnResult.status).toBe('complete');
    expect(await chat.say(close('R-1'))).toEqual([refused('close')]);
    expect(await chat.say(escalate('R-1'))).toEqual([refused('escalate')]);
    const { item, history } = await getItem(chat.world.ws, 'R-1');
    expect(item).toMatchObject({ status: 'open', impact: 5 });
    expect(history.map((h) => h.action)).toEqual(['created']);
  });

  it('the owner sees Update, Close and Escalate on the same card', async () => {
    const { chat } = await chatWith();
    await chat.say('show R-1');
    expect(buttonsOf(chat.last[0])).toEqual(['Update', 'Close', 'Escalate']);
  });
});
