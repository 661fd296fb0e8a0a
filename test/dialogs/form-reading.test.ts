// Forms read top to bottom (title first, required before optional, nothing moves) and show people by
// name, never by platform id: typed prompts, the card's person choices, and the confirmation.
import { readdirSync } from 'fs';
import { join } from 'path';
import type { Activity } from 'botbuilder';
import { TeamsPresenter } from '../../bot/teams/presenter';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS } from '../../cards/verbs';
import { UNNAMED_PERSON } from '../../core/commands/people';
import { ensurePerson, getItem } from '../../core/services';
import type { FormConfig } from '../../dialogs/form-config';
import { nodes, type Node } from '../cards/card-query';
import { useTestDatabase } from '../support/db';
import { play, startChat, type ChatOptions } from './support';

useTestDatabase();

const cardOf = (activity: Partial<Activity>): AdaptiveCard => activity.attachments?.[0]?.content as AdaptiveCard;
const inputs = (card: AdaptiveCard): Node[] => nodes(card.body).filter((n) => String(n.type).startsWith('Input.'));
const input = (card: AdaptiveCard, id: string): Node | undefined => inputs(card).find((i) => i.id === id);
const choiceTitles = (node: Node | undefined): string[] => ((node?.choices ?? []) as { title: string }[]).map((c) => c.title);
const teams: ChatOptions['deps'] = { presenter: new TeamsPresenter() };

/** Every FormConfig the dialogs export, so a new form is checked without listing it here. */
function formConfigs(): [string, FormConfig][] {
  const dir = join(__dirname, '../../dialogs');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.dialog.ts'))
    // it.each needs the configs while the file is collected, so the modules are read synchronously.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .flatMap((file) => Object.entries(require(join(dir, file)) as Record<string, unknown>))
    // LOG_FORMS holds every register kind's form, by kind.
    .flatMap(([name, value]) => (name === 'LOG_FORMS' ? Object.entries(value as object).map(([kind, form]) => [`LOG_FORMS.${kind}`, form]) : [[name, value]]))
    .filter((entry): entry is [string, FormConfig] => {
      const value = entry[1] as Partial<FormConfig> | null;
      return typeof value === 'object' && value !== null && Array.isArray(value.fields) && typeof value.command === 'string';
    });
}

describe('every form config', () => {
  const configs = formConfigs();

  it('is found', () => expect(configs.map(([name]) => name)).toEqual(expect.arrayContaining(['LOG_FORMS.risk', 'LOG_FORMS.issue', 'LOG_FORMS.change', 'LOG_FORMS.decision', 'LOG_FORMS.action', 'STATUS_FORM'])));

  it.each(configs)('%s lists its required fields before its optional ones, title (or key, then name) first', (_, config) => {
    const required = config.fields.map((f) => f.required === true);
    expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    const names = config.fields.map((f) => f.name);
    if (names.includes('title')) expect(names.slice(0, names.indexOf('title'))).toEqual(names.includes('key') && names[0] === 'key' ? ['key'] : []);
  });
});

describe('the form card keeps its order', () => {
  it('a title given inline stays on top, the asked field is not moved, its error is right under it', async () => {
    const chat = await startChat({ deps: teams });
    await chat.say('risk Vendor API may slip p=9 due=2026-04-30');
    const card = cardOf(chat.last[0]);
    expect(inputs(card).map((i) => i.id)).toEqual(['title', 'probability', 'impact', 'project', 'owner', 'due', 'description', 'response', 'mitigation', 'review']);
    expect(input(card, 'title')).toMatchObject({ value: 'Vendor API may slip' });
    const body = nodes(card.body);
    const after = body[body.findIndex((n) => n.id === 'probability') + 1];
    expect(after).toMatchObject({ type: 'TextBlock', color: 'attention' });
    expect(String(after.text)).toMatch(/probability must be a whole number from 1 to 5/);

    await chat.say('4'); // typed answer: the next card asks impact, same order
    expect(inputs(cardOf(chat.last[0])).map((i) => i.id).slice(0, 4)).toEqual(['title', 'probability', 'impact', 'project']);
  });
});

describe('people by name', () => {
  const local = (userId: string, displayName?: string): ChatOptions => ({
    deps: teams,
    actor: () => ({ userId, ...(displayName ? { displayName } : {}) }),
    extra: { platform: 'local' },
  });

  it('"me" is the typist by name (not yet in the directory), on the card, in the choices and the confirmation; the input still carries the id', async () => {
    const chat = await startChat(local('local-llxvnyg3', 'Lee Local'));
    await chat.say('risk Vendor API may slip p=2 i=3 owner=me');
    const owner = input(cardOf(chat.last[0]), 'owner');
    expect(owner).toMatchObject({ type: 'Input.ChoiceSet', value: 'local-llxvnyg3' });
    expect(choiceTitles(owner)).toContain('Lee Local');
    expect(JSON.stringify(choiceTitles(owner))).not.toMatch(/local-|u-(pm|admin|owner|other)/);

    await chat.say({ value: { verb: CARD_VERBS.submitForm, command: 'risk', title: 'Vendor API may slip', probability: '2', impact: '3', project: 'APOLLO', owner: 'local-llxvnyg3' } });
    const confirmation = JSON.stringify(cardOf(chat.last[0]));
    expect(confirmation).toContain('Lee Local');
    expect(confirmation).not.toContain('local-llxvnyg3');
    await chat.say({ value: { verb: CARD_VERBS.confirmSave, command: 'risk' } });
    expect((await getItem(chat.world.ws, 'R-1')).item).toMatchObject({ ownerId: 'local-llxvnyg3' });
  });

  it('typed path: a local @name the directory knows is shown by its name', async () => {
    const chat = await startChat({ ...local('local-abc', 'Lee Local'), deps: undefined });
    await play(chat, [
      { user: 'risk Vendor API may slip p=2 i=3 owner=@u-pm', bot: ['Asking project:'] },
      { user: 'APOLLO', bot: ['Confirm: title=Vendor API may slip, probability=2, impact=3, project=APOLLO, owner=Sam'] },
    ]);
  });

  it('typed path: someone unknown is shown readably; "me" answered to the owner question is the typist by name', async () => {
    const chat = await startChat({ ...local('local-abc', 'Lee Local'), deps: undefined });
    await play(chat, [
      { user: 'risk Vendor API may slip p=2 i=3 owner=@nobody-here', bot: ['Asking project:'] },
      { user: 'APOLLO', bot: [`Confirm: title=Vendor API may slip, probability=2, impact=3, project=APOLLO, owner=${UNNAMED_PERSON}`] },
      { user: 'edit owner', bot: ['Asking owner: Who owns it?'] },
      { user: 'me', bot: [/^Confirm: .*owner=Lee Local$/] },
    ]);
  });

  it('someone no one has named is shown readably, never by id, and the card still submits their id', async () => {
    const chat = await startChat(local('local-nameless'));
    await ensurePerson(chat.world.ws, 'u-ghost', ''); // in the directory without a name: not offered in the list
    await chat.say('risk Vendor API may slip p=2 i=3 owner=me');
    const owner = input(cardOf(chat.last[0]), 'owner');
    expect(owner).toMatchObject({ value: 'local-nameless' });
    expect(choiceTitles(owner)).toContain(UNNAMED_PERSON);
    expect(choiceTitles(owner)).toEqual(expect.arrayContaining(['Ada', 'Sam', 'Jane', 'Olly']));
    expect(JSON.stringify(choiceTitles(owner))).not.toMatch(/local-nameless|u-ghost/);

    await chat.say('APOLLO');
    const confirmation = JSON.stringify(cardOf(chat.last[0]));
    expect(confirmation).toContain(UNNAMED_PERSON);
    expect(confirmation).not.toContain('local-nameless');
  });
});
