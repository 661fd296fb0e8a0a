// Editing before saving, and answering with the form card instead of typing.
import type { Activity } from 'botbuilder';
import { TeamsPresenter } from '../../bot/teams/presenter';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS } from '../../cards/verbs';
import { getItem } from '../../core/services';
import { useTestDatabase } from '../support/db';
import { allText, nodes } from '../cards/card-query';
import { itemCount, play, startChat, type Turn } from './support';

useTestDatabase();

const submit = (fields: Record<string, string>): Partial<Activity> => ({ value: { verb: CARD_VERBS.submitForm, command: 'risk', ...fields } });
const GOOD_CARD = { title: 'Vendor API may slip', probability: '4', impact: '5', project: 'APOLLO', due: '2026-04-30', owner: 'u-pm' };

describe('edit before save', () => {
  const start: Turn[] = [
    { user: 'risk Vendor API may slip p=4 i=5 due=2026-04-30', bot: ['Asking project:'] },
    { user: 'APOLLO', bot: [/^Confirm: .*owner=Jane, due=2026-04-30$/] },
  ];
  it.each([
    { how: 'typed', edit: 'edit due' as string | Partial<Activity> },
    { how: 'the Edit button', edit: { value: { verb: CARD_VERBS.editField, command: 'risk', field: 'due' } } },
  ])('edit due ($how) → new value → the confirmation shows it → save stores it', async ({ edit }) => {
    const chat = await startChat();
    await play(chat, [
      ...start,
      { user: edit, bot: ['Asking due: When is it due? (or skip)'], status: 'waiting' },
      { user: 'eom', bot: [/^Confirm: .*owner=Jane, due=2026-03-31$/], status: 'waiting' },
      { user: 'save', bot: ['Saved R-1 Vendor API may slip'], status: 'complete' },
    ]);
    expect((await getItem(chat.world.ws, 'R-1')).item).toMatchObject({ due: '2026-03-31', probability: 4 });
  });

  it('edit of a field the form does not have says so and asks again', async () => {
    const chat = await startChat();
    await play(chat, [
      ...start,
      { user: 'edit colour', bot: [/^Confirm: .*\(There is no field "colour" here\. Type save to store it, edit FIELD/] },
      { user: 'what?', bot: [/^Confirm: .*\(Type save to store it/] },
      { user: 'change p', bot: ['Asking probability:'] },
    ]);
    expect(await itemCount(chat.world, 'risk')).toBe(0);
  });
});

describe('the form card', () => {
  it('one invalid field among all submitted: only that one is asked again, the rest kept', async () => {
    const chat = await startChat();
    await play(chat, [
      { user: 'risk', bot: ['Asking title:'] },
      { user: submit({ ...GOOD_CARD, probability: '7' }), bot: ['Asking probability: Probability must be a whole number from 1 to 5, got "7".'], status: 'waiting' },
      { user: '3', bot: ['Confirm: title=Vendor API may slip, probability=3, impact=5, project=APOLLO, owner=Sam, due=2026-04-30'] },
      { user: { value: { verb: CARD_VERBS.confirmSave, command: 'risk' } }, bot: ['Saved R-1 Vendor API may slip'], status: 'complete' },
    ]);
    expect((await getItem(chat.world.ws, 'R-1')).item).toMatchObject({ probability: 3, impact: 5, ownerId: 'u-pm', due: '2026-04-30' });
  });

  it('inputs left empty and left out of the data (as Web Chat sends them) count as skipped, not asked', async () => {
    const chat = await startChat();
    await play(chat, [
      { user: 'status', bot: ['Asking project:'] },
      {
        user: { value: { verb: CARD_VERBS.submitForm, command: 'status', project: 'APOLLO', rag: 'amber', reason: 'Vendor late', summary: 'Holding' } },
        bot: [/^Confirm: project=APOLLO, rag=amber, reason=Vendor late, summary=Holding$/],
        status: 'waiting',
      },
    ]);
  });

  it('two invalid fields are asked one after the other, each with its reason', async () => {
    const chat = await startChat();
    await play(chat, [
      { user: 'risk', bot: ['Asking title:'] },
      { user: submit({ ...GOOD_CARD, impact: '0', due: '2026-02-30' }), bot: ['Asking impact: Impact must be a whole number from 1 to 5, got "0".'] },
      { user: '2', bot: ['Asking due: Due date "2026-02-30" is not a real calendar date'] },
      { user: submit({ ...GOOD_CARD, impact: '2', due: '2026-05-01' }), bot: [/^Confirm: .*impact=2, .*due=2026-05-01$/] },
    ]);
  });

  it('a form card submitted when no form is open picks up where it left off', async () => {
    const chat = await startChat();
    await play(chat, [
      { user: submit({ title: 'Vendor API may slip', probability: '2', impact: '2', project: 'APOLLX' }), bot: ['Asking project: There is no project APOLLX'] },
      { user: 'APOLLO', bot: ['Confirm: title=Vendor API may slip, probability=2, impact=2, project=APOLLO'] },
    ]);
  });

  it.each([
    { verb: CARD_VERBS.confirmSave, said: 'That card has expired, so nothing was saved.' },
    { verb: CARD_VERBS.editField, said: 'That card has expired, so nothing was saved.' },
    { verb: CARD_VERBS.cancel, said: 'Nothing to cancel.' },
  ])('a stale $verb button with no form open says so and saves nothing', async ({ verb, said }) => {
    const chat = await startChat();
    await play(chat, [{ user: { value: { verb, command: 'risk', field: 'due' } }, bot: [said], status: 'complete' }]);
    expect(await itemCount(chat.world, 'risk')).toBe(0);
  });
});

describe('with the Teams presenter', () => {
  const cardOf = (activity: Partial<Activity>): AdaptiveCard => activity.attachments?.[0]?.content as AdaptiveCard;
  const inputs = (card: AdaptiveCard) => nodes(card.body).filter((n) => String(n.type).startsWith('Input.'));

  it('asks with a form card, shows the error on the card, confirms with Edit buttons, saves with a card', async () => {
    const chat = await startChat({ deps: { presenter: new TeamsPresenter() } });
    await chat.say('risk');
    const [form] = chat.last;
    expect(form.text).toBe('What is the risk? Give it a short title.');
    expect(form.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    // Top to bottom: title, the required fields, then the optional ones, whatever is filled (the owner is, by default).
    expect(inputs(cardOf(form)).map((i) => i.id)).toEqual(['title', 'probability', 'impact', 'project', 'owner', 'due', 'description', 'response', 'mitigation', 'review']);
    // A past date may be picked (the item is then overdue); twenty years ahead may not, as typed.
    expect(inputs(cardOf(form)).find((i) => i.id === 'due')).toEqual(expect.objectContaining({ type: 'Input.Date', max: '2046-03-10' }));
    expect(inputs(cardOf(form)).find((i) => i.id === 'due')).not.toHaveProperty('min');

    await chat.say(submit({ ...GOOD_CARD, probability: '9' }));
    const [again] = chat.last;
    expect(chat.last).toHaveLength(1);
    expect(inputs(cardOf(again)).map((i) => i.id).slice(0, 2)).toEqual(['title', 'probability']); // the refused field is not moved
    expect(inputs(cardOf(again)).find((i) => i.id === 'probability')).toMatchObject({ type: 'Input.Number' });
    expect(inputs(cardOf(again)).find((i) => i.id === 'title')).toMatchObject({ value: 'Vendor API may slip' });
    expect(allText(cardOf(again))).toContain('Probability must be a whole number from 1 to 5, got "9"');

    await chat.say('4');
    const edits = nodes(cardOf(chat.last[0]).body).filter((n) => (n.data as { verb?: string } | undefined)?.verb === CARD_VERBS.editField);
    expect(edits.map((e) => (e.data as { field: string }).field)).toContain('due');

    await chat.say({ value: { verb: CARD_VERBS.confirmSave, command: 'risk' } });
    expect(chat.last[0].text).toBe('Saved R-1 Vendor API may slip');
    expect(chat.last[0].attachments).toHaveLength(1);
    expect(await itemCount(chat.world, 'risk')).toBe(1);
  });

  it("never gives an input an id Teams would overwrite with the action's own data", async () => {
    const chat = await startChat({ deps: { presenter: new TeamsPresenter() }, actor: (world) => world.admin });
    await chat.say('close');
    expect(inputs(cardOf(chat.last[0])).map((i) => i.id)).toEqual(['keyInput', 'resolution']);
  });
});
