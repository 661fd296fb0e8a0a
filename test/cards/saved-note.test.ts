// The note a save carries ("Already overdue: …") on the Teams card, in the Slack message and its
// notification text; and the confirmation's note ("… will be saved as already overdue …").
import { confirmationCard, savedCard } from '../../cards';
import { confirmationMessage, savedMessage } from '../../cards/blocks';
import { allText as blockText } from './blocks/block-query';
import { allText, textBlocks } from './card-query';
import { confirmation, risk } from './fixtures';

const NOTE = 'Already overdue: it was due Fri 20 Nov.';

describe('a saved item with a note', () => {
  it('Teams: the note follows the outcome, in the attention colour', () => {
    const card = savedCard({ outcome: 'created', item: risk({ overdue: true, due: '2026-11-20' }), note: NOTE });
    const blocks = textBlocks(card);
    expect(blocks[0].text).toBe('✅ Logged');
    expect(blocks[1]).toMatchObject({ text: NOTE, color: 'attention' });
  });

  it('Slack: the note is beside the outcome and in the notification text', () => {
    const message = savedMessage({ outcome: 'created', item: risk({ overdue: true, due: '2026-11-20' }), note: NOTE });
    expect(message.text).toBe(`Saved R-7 Vendor API may slip — ${NOTE}`);
    expect(blockText(message.blocks)).toContain(`✅ *Logged* — ⚠️ *${NOTE}*`);
  });

  it('without a note, nothing is added', () => {
    expect(textBlocks(savedCard({ outcome: 'updated', item: risk() }))[1].text).not.toMatch(/overdue/i);
    expect(savedMessage({ outcome: 'updated', item: risk() }).text).toBe('Updated R-7 Vendor API may slip');
  });
});

describe('a confirmation with an overdue note', () => {
  const note = 'This risk will be saved as already overdue: it was due Fri 20 Nov.';
  it('shows it on the Teams card and in the Slack message', () => {
    expect(allText(confirmationCard(confirmation({ note })))).toContain(note);
    expect(blockText(confirmationMessage(confirmation({ note })).blocks)).toContain(note);
  });
});
