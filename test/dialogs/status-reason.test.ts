// The status dialog's reason row of the SPEC §4 policy table: asked for amber or red, skippable only
// under supportive; directive asks a recovery date too; bad input re-asks the one field.
import { latestStatus, updateSettings } from '../../core/services';
import type { Policy } from '../../core/domain';
import { useTestDatabase } from '../support/db';
import { CARD_VERBS } from '../../cards/verbs';
import { play, startChat, type Chat, type Turn } from './support';

useTestDatabase();

async function chatUnder(policy: Policy): Promise<Chat> {
  const chat = await startChat({ actor: (world) => world.pm });
  await updateSettings(chat.world.ws, chat.world.admin, { policy });
  return chat;
}

/** The guided path up to the reason: project given, the overall RAG answered, the others skipped. */
const upToReason = (rag: string, reasonPrompt: string): Turn[] => [
  { user: 'status APOLLO', bot: ['Asking rag:'], status: 'waiting' },
  { user: rag, bot: ['Asking schedule:'] },
  { user: 'skip', bot: ['Asking scope:'] },
  { user: 'skip', bot: ['Asking cost:'] },
  { user: 'skip', bot: [reasonPrompt] },
];
const REASON = 'Asking reason: Why is it amber or red? What went off track?';
const theRest: Turn[] = [
  { user: 'skip', bot: ['Asking summary:'] },
  { user: 'skip', bot: ['Asking done:'] },
  { user: 'skip', bot: ['Asking next:'] },
  { user: 'skip', bot: ['Asking blockers:'] },
];

describe('status dialog: the reason behind an amber or red, by policy', () => {
  it.each(['amber', 'red'])('supportive: a %s status asks the reason, and it may be skipped', async (rag) => {
    const chat = await chatUnder('supportive');
    await play(chat, [
      ...upToReason(rag, `${REASON} (or skip)`),
      { user: 'skip', bot: ['Asking forecast: When do you now expect the project to finish? (or skip)'] },
      ...theRest,
      { user: 'skip', bot: [`Confirm: project=APOLLO, rag=${rag}`] },
      { user: 'save', bot: [`Status APOLLO ${rag}`], status: 'complete' },
    ]);
    expect((await latestStatus(chat.world.ws, 'APOLLO'))?.reason ?? null).toBeNull();
  });

  it.each(['amber', 'red'])('controlling: a %s status needs its reason; a skip is refused and that field asked again', async (rag) => {
    const chat = await chatUnder('controlling');
    await play(chat, [
      ...upToReason(rag, REASON),
      { user: 'skip', bot: [`Asking reason: Reason (amber/red) is needed, so it cannot be skipped. ${REASON.replace('Asking reason: ', '')}`] },
      { user: 'Supplier missed the API drop', bot: ['Asking forecast:'] },
      { user: '2026-04-30', bot: ['Asking summary:'] },
      ...theRest.slice(1),
      { user: 'skip', bot: [`Confirm: project=APOLLO, rag=${rag}, reason=Supplier missed the API drop, forecast=2026-04-30`] },
      { user: 'save', bot: [`Status APOLLO ${rag}`], status: 'complete' },
    ]);
    expect(await latestStatus(chat.world.ws, 'APOLLO')).toMatchObject({ reason: 'Supplier missed the API drop', forecastFinish: '2026-04-30', baselineFinish: '2026-04-30' });
  });

  it('controlling: green asks no reason', async () => {
    const chat = await chatUnder('controlling');
    await play(chat, [
      { user: 'status APOLLO', bot: ['Asking rag:'], status: 'waiting' },
      { user: 'green', bot: ['Asking schedule:'] },
      { user: 'skip', bot: ['Asking scope:'] },
      { user: 'skip', bot: ['Asking cost:'] },
      { user: 'skip', bot: ['Asking forecast:'] },
    ]);
  });

  it('directive: the reason and a recovery date; a skip or a bad date re-asks only the date', async () => {
    const chat = await chatUnder('directive');
    await play(chat, [
      ...upToReason('red', REASON),
      { user: 'Data migration failed twice', bot: ['Asking recovery: When will it be back on track?'] },
      { user: 'skip', bot: [/^Asking recovery: Recovery date \(amber\/red\) is needed, so it cannot be skipped\. When/] },
      { user: 'someday soon', bot: [/^Asking recovery: Recovery date "someday soon" is not a date I can read.*When will it be back on track\?$/] },
      { user: '2026-04-03', bot: ['Asking forecast:'] },
      { user: 'skip', bot: ['Asking summary:'] },
      ...theRest.slice(1),
      { user: 'skip', bot: ['Confirm: project=APOLLO, rag=red, reason=Data migration failed twice, recovery=2026-04-03'] },
      { user: 'save', bot: ['Status APOLLO red'], status: 'complete' },
    ]);
    expect(await latestStatus(chat.world.ws, 'APOLLO')).toMatchObject({ overall: 'red', reason: 'Data migration failed twice', recoveryDate: '2026-04-03' });
  });

  it('directive: typed inline without them, the runner refuses and the form asks the reason, later the date', async () => {
    const chat = await chatUnder('directive');
    await play(chat, [
      { user: 'status APOLLO amber', bot: ['Asking reason: An amber status needs a reason: what went off track, in a line or two. Why is it amber or red?'], status: 'waiting' },
      { user: 'Vendor late', bot: ['Asking schedule:'] },
      { user: 'skip', bot: ['Asking scope:'] },
      { user: 'skip', bot: ['Asking cost:'] },
      { user: 'skip', bot: ['Asking recovery: When will it be back on track?'] },
    ]);
  });

  it('directive: typed inline with everything, it is saved at once', async () => {
    const chat = await chatUnder('directive');
    await play(chat, [
      { user: 'status APOLLO amber reason="Vendor late" recovery=2026-03-27 forecast=2026-06-30', bot: ['Status APOLLO amber'], status: 'complete' },
    ]);
    expect(await latestStatus(chat.world.ws, 'APOLLO')).toMatchObject({ reason: 'Vendor late', recoveryDate: '2026-03-27', forecastFinish: '2026-06-30' });
  });

  it('controlling: a card sent red without a reason asks it; sent again green, no reason is asked and it saves', async () => {
    const chat = await chatUnder('controlling');
    const card = (rag: string) => ({ value: { verb: CARD_VERBS.submitForm, command: 'status', project: 'APOLLO', rag, summary: 'Holding' } });
    await play(chat, [
      { user: 'status', bot: ['Asking project:'], status: 'waiting' },
      { user: card('red'), bot: [/^Asking reason: Reason \(amber\/red\) is needed/] },
      // Changed their mind: back to green on the same card, the reason left empty.
      { user: card('green'), bot: [/^Confirm: project=APOLLO, rag=green, summary=Holding$/] },
      { user: 'save', bot: ['Status APOLLO green'], status: 'complete' },
    ]);
    expect(await latestStatus(chat.world.ws, 'APOLLO')).toMatchObject({ overall: 'green' });
  });

  it('controlling: at the reason, edit rag goes back to the RAG; set to green, no reason is asked', async () => {
    const chat = await chatUnder('controlling');
    await play(chat, [
      ...upToReason('red', REASON),
      { user: 'edit rag', bot: [/^Asking rag:/] },
      { user: 'green', bot: ['Asking forecast: When do you now expect the project to finish? (or skip)'] },
    ]);
  });
});
