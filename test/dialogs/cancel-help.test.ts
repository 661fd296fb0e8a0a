// `cancel` leaves any dialog at any step, saving nothing; `help` explains the step and asks it again.
import { CARD_VERBS } from '../../cards/verbs';
import type { Actor } from '../../core/domain';
import { createRisk, getItem, latestStatus } from '../../core/services';
import { CANCELLED_TEXT } from '../../dialogs/pmo-component.dialog';
import { useTestDatabase } from '../support/db';
import type { World } from '../core/services/fixtures';
import { itemCount, NOW, play, startChat, type Chat } from './support';

useTestDatabase();

interface Step {
  /** The answer that got us past the previous step ('' for the command itself). */
  answer: string;
  /** How the step's prompt starts. */
  asks: string;
  /** What help at this step must say. */
  help: RegExp;
}

interface Flow {
  dialog: string;
  command: string;
  actor?: (world: World) => Actor;
  steps: Step[];
  /** Nothing of this flow was stored. */
  nothingSaved: (chat: Chat) => Promise<void>;
}

const CANCEL_HINT = /Type cancel to stop; nothing is saved until you confirm\./;
const CONFIRM_HELP = /^I am waiting for your go-ahead to save this .+ Type save \(or yes\) to store it, edit FIELD to change one \(.+\), or cancel/;

/** Only the risk each case seeds. */
const noRisks = async (chat: Chat) => expect(await itemCount(chat.world, 'risk')).toBe(1);

const FLOWS: Flow[] = [
  {
    dialog: 'risk',
    command: 'risk',
    steps: [
      { answer: '', asks: 'Asking title:', help: /^I am asking for the title of the risk: free text\. .*Usage: risk \[title\]/ },
      { answer: 'Vendor API may slip', asks: 'Asking probability:', help: /probability of the risk: a whole number from 1 to 5\. .*Inline it is written p=… or probability=…/ },
      { answer: '4', asks: 'Asking impact:', help: /impact of the risk: a whole number from 1 to 5\./ },
      { answer: '5', asks: 'Asking project:', help: /project of the risk: the key of an existing project/ },
      { answer: 'APOLLO', asks: 'Confirm:', help: CONFIRM_HELP },
    ],
    nothingSaved: noRisks,
  },
  {
    dialog: 'status',
    command: 'status APOLLO',
    actor: (world) => world.pm,
    steps: [
      { answer: '', asks: 'Asking rag:', help: /overall rag of the status update: one of red, amber, green\./ },
      { answer: 'green', asks: 'Asking schedule:', help: /schedule of the status update: one of red, amber, green\. It is optional: answer skip/ },
      { answer: 'green', asks: 'Asking scope:', help: /It is optional/ },
      { answer: 'green', asks: 'Asking cost:', help: /cost\/budget of the status update/ },
      { answer: 'green', asks: 'Asking forecast:', help: /forecast finish of the status update: .*It is optional/ },
      { answer: 'skip', asks: 'Asking summary:', help: /summary of the status update: free text/ },
      { answer: 'All good', asks: 'Asking done:', help: /done this period/ },
      { answer: 'skip', asks: 'Asking next:', help: /next period/ },
      { answer: 'skip', asks: 'Asking blockers:', help: /blockers \/ help needed/ },
      { answer: 'skip', asks: 'Confirm:', help: CONFIRM_HELP },
    ],
    nothingSaved: async (chat) => expect(await latestStatus(chat.world.ws, 'APOLLO')).toBeNull(),
  },
  {
    dialog: 'update',
    command: 'update',
    steps: [
      { answer: '', asks: 'Asking keyInput:', help: /item of the update: an item key such as R-12, I-3 or C-1\./ },
      { answer: 'R-1', asks: 'Asking fields:', help: /changes of the update: field=value pairs/ },
      { answer: 'p=2', asks: 'Confirm:', help: CONFIRM_HELP },
    ],
    nothingSaved: async (chat) => expect((await getItem(chat.world.ws, 'R-1')).item).toMatchObject({ probability: 4 }),
  },
  {
    dialog: 'close',
    command: 'close',
    steps: [
      { answer: '', asks: 'Asking keyInput:', help: /item of the closure/ },
      { answer: 'R-1', asks: 'Asking resolution:', help: /resolution of the closure: free text\. It is optional/ },
      { answer: 'Vendor delivered', asks: 'Confirm:', help: CONFIRM_HELP },
    ],
    nothingSaved: async (chat) => expect((await getItem(chat.world.ws, 'R-1')).item).toMatchObject({ status: 'open' }),
  },
];

/** Every step of every flow, as its own case. */
const CASES = FLOWS.flatMap((flow) => flow.steps.map((step, at) => ({ flow, at, step: step.asks.replace(/^Asking |:$/g, '') })));

async function reach(flow: Flow, at: number): Promise<Chat> {
  const chat = await startChat({ actor: flow.actor });
  await createRisk(chat.world.ws, chat.world.owner, { title: 'Seeded risk', projectKey: 'APOLLO', probability: 4, impact: 4 }, NOW);
  const [first, ...rest] = flow.steps;
  await play(chat, [{ user: flow.command, bot: [first.asks], status: 'waiting' }]);
  for (const step of rest.slice(0, at)) await play(chat, [{ user: step.answer, bot: [step.asks], status: 'waiting' }]);
  return chat;
}

describe.each(['typed', 'card button'])('cancel (%s)', (how) => {
  it.each(CASES)('$flow.dialog at step $at ($step): ends everything, nothing saved', async ({ flow, at }) => {
    const chat = await reach(flow, at);
    const cancel = how === 'typed' ? 'cancel' : { value: { verb: CARD_VERBS.cancel, command: flow.dialog } };
    await play(chat, [{ user: cancel, bot: [CANCELLED_TEXT], status: 'complete' }]);
    expect(chat.client.dialogContext.stack).toHaveLength(0);
    await flow.nothingSaved(chat);
    // The next message is a new command, not an answer to the cancelled question.
    await play(chat, [{ user: 'show R-1', bot: ['Item R-1 Seeded risk'], status: 'complete' }]);
  });
});

describe('help', () => {
  it.each(CASES)('$flow.dialog at step $at ($step): explains the step, then asks it again', async ({ flow, at }) => {
    const chat = await reach(flow, at);
    const { asks, help } = flow.steps[at];
    await play(chat, [{ user: 'help', bot: [help, asks], status: 'waiting' }]);
    if (asks !== 'Confirm:') expect(chat.last[0].text).toMatch(CANCEL_HINT);
    await flow.nothingSaved(chat);
  });
});

describe('no at the confirmation', () => {
  it('cancels like cancel does', async () => {
    const chat = await reach(FLOWS[0], 4);
    await play(chat, [{ user: 'no', bot: [CANCELLED_TEXT] }]);
    expect(chat.client.dialogContext.stack).toHaveLength(0);
    await noRisks(chat);
  });
});
