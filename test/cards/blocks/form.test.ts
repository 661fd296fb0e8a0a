import { CARD_VERBS, formCard } from '../../../cards';
import { FORM_CALLBACK_ID, checkModal, formMessage, formModal, formValuesFromState, type Block } from '../../../cards/blocks';
import type { FormView } from '../../../core/view-models';
import { riskForm } from '../fixtures';
import { allText, buttonData, inputs, ofType } from './block-query';

type Node = Record<string, unknown>;
const elementOf = (blocks: Block[], id: string): Node => inputs(blocks).find((b) => b.block_id === id)?.element as Node;

/** What Slack sends back for each input: the user's answer, else what the input started with. */
function slackState(blocks: Block[], answers: Record<string, string | null> = {}): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of inputs(blocks)) {
    const element = block.element as Node;
    const id = String(element.action_id);
    const answer = id in answers ? answers[id] : undefined;
    const options = (element.options ?? []) as Node[];
    const value = (): unknown => {
      switch (element.type) {
        case 'plain_text_input':
        case 'number_input':
          return { value: answer !== undefined ? answer : element.initial_value ?? null };
        case 'datepicker':
          return { selected_date: answer !== undefined ? answer : element.initial_date ?? null };
        case 'static_select': {
          const chosen = answer !== undefined ? options.find((o) => o.value === answer) : element.initial_option;
          return { selected_option: chosen ?? null };
        }
        default:
          throw new Error(`unexpected element ${String(element.type)}`);
      }
    };
    state[String(block.block_id)] = { [id]: { type: element.type, ...(value() as Node) } };
  }
  return state;
}

describe('formModal', () => {
  const modal = formModal(riskForm(), '{"c":"D1"}');

  it('is a modal with our callback id, the caller\'s metadata, Save and Cancel', () => {
    expect(modal).toMatchObject({
      type: 'modal',
      callback_id: FORM_CALLBACK_ID,
      private_metadata: '{"c":"D1"}',
      title: { type: 'plain_text', text: 'Log a risk' },
      submit: { type: 'plain_text', text: 'Save' },
      close: { type: 'plain_text', text: 'Cancel' },
    });
    expect(FORM_CALLBACK_ID).toBe(CARD_VERBS.submitForm);
    expect(formModal(riskForm({ submitLabel: 'Log it' }), '').submit?.text).toBe('Log it');
  });

  it('clips the title to 24 characters and shows it whole above the inputs', () => {
    const long = formModal(riskForm({ title: 'Log a risk for the Apollo programme 🚀' }), '');
    expect(long.title.text).toBe('Log a risk for the Apol…');
    expect(long.title.text.length).toBeLessThanOrEqual(24);
    expect(long.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Log a risk for the Apollo programme 🚀' } });
    expect(ofType(modal.blocks, 'header')).toEqual([]);
    const emoji = formModal(riskForm({ title: '🚀'.repeat(30) }), '');
    expect(emoji.title.text).toBe(`${'🚀'.repeat(11)}…`);
    expect(checkModal(emoji)).toEqual([]);
  });

  it('has one input block per field, ids equal to the field ids, optional ones marked', () => {
    expect(inputs(modal.blocks).map((b) => [b.block_id, (b.element as Node).action_id, b.optional ?? false])).toEqual(
      riskForm().fields.map((f) => [f.id, f.id, !f.required]),
    );
  });

  it('uses the Slack element for each field type, prefilled as Slack wants it', () => {
    expect(elementOf(modal.blocks, 'title')).toEqual({ type: 'plain_text_input', action_id: 'title', max_length: 200, placeholder: { type: 'plain_text', text: 'What might happen?' } });
    expect(elementOf(modal.blocks, 'description')).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(elementOf(modal.blocks, 'probability')).toEqual({ type: 'number_input', action_id: 'probability', is_decimal_allowed: false, initial_value: '3', min_value: '1', max_value: '5' });
    expect(elementOf(modal.blocks, 'due')).toEqual({ type: 'datepicker', action_id: 'due', initial_date: '2026-12-04' });
    expect(elementOf(modal.blocks, 'response')).toMatchObject({
      type: 'static_select',
      options: [{ text: { type: 'plain_text', text: 'Avoid' }, value: 'avoid' }, { text: { type: 'plain_text', text: 'Reduce' }, value: 'reduce' }, { text: { type: 'plain_text', text: 'Accept' }, value: 'accept' }],
      initial_option: { text: { type: 'plain_text', text: 'Reduce' }, value: 'reduce' },
    });
    // People: known ones to pick from, else typed; never users_select (our people are not Slack ids here).
    expect(elementOf(modal.blocks, 'owner')).toMatchObject({ type: 'plain_text_input', placeholder: { text: '@name' } });
    expect(elementOf(modal.blocks, 'reviewer')).toMatchObject({ type: 'static_select', options: [{ text: { text: 'Ann Lee' }, value: 'u1' }] });
    expect(JSON.stringify(modal)).not.toContain('users_select');
    const due = inputs(modal.blocks).find((b) => b.block_id === 'due');
    expect(due?.hint).toEqual({ type: 'plain_text', text: 'On or after 2026-11-30' });
  });

  it('shows the intro and the reason a field is asked again right under it', () => {
    const ids = modal.blocks.map((b) => b.block_id ?? b.type);
    const reason = modal.blocks[ids.indexOf('impact') + 1];
    expect(reason).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '⚠️ *Impact must be a whole number from 1 to 5*' }] });
    expect(allText(modal.blocks)).toContain('Tell me about the risk.');
    expect(allText(modal.blocks)).toContain('Please correct the field marked below.');
    expect(allText(formModal(riskForm({ fields: riskForm().fields.map((f) => ({ ...f, error: undefined })) }), '').blocks)).not.toContain('Please correct');
  });

  it('leaves out prefilled values Slack would refuse instead of cutting them', () => {
    const form: FormView = {
      command: 'risk', title: 'T', fields: [
        { id: 'title', label: 'Title', type: 'text', required: true, max: 10, value: 'far too long for ten' },
        { id: 'p', label: 'P', type: 'number', required: true, min: 1, max: 5, value: 9 },
        { id: 'd', label: 'D', type: 'date', required: false, value: 'next friday' },
        { id: 'c', label: 'C', type: 'choice', required: false, value: 'gone', choices: [{ title: 'A', value: 'a' }] },
      ],
    };
    const blocks = formModal(form, '').blocks;
    expect(elementOf(blocks, 'title').initial_value).toBeUndefined();
    expect(elementOf(blocks, 'p').initial_value).toBeUndefined();
    expect(elementOf(blocks, 'd').initial_date).toBeUndefined();
    expect(elementOf(blocks, 'c').initial_option).toBeUndefined();
  });

  it('refuses a field id that would overwrite the action data, like the Teams card', () => {
    expect(() => formModal(riskForm({ fields: [{ id: 'verb', label: 'V', type: 'text', required: true }] }), '')).toThrow(/verb/);
  });

  it('focuses the field asked now where it stands (one element per view), instead of moving it', () => {
    const view = formModal(riskForm({ asking: 'impact' }), '');
    expect(inputs(view.blocks).map((b) => b.block_id)).toEqual(riskForm().fields.map((f) => f.id));
    expect(inputs(view.blocks).filter((b) => (b.element as Node).focus_on_load === true).map((b) => b.block_id)).toEqual(['impact']);
    expect(checkModal(view)).toEqual([]);
    // Slack has no focus in messages: the prompt names the field there.
    expect(JSON.stringify(formMessage(riskForm({ asking: 'impact' }), 'How bad?').blocks)).not.toContain('focus_on_load');
  });
});

describe('formMessage', () => {
  const message = formMessage(riskForm(), 'What is the impact, from 1 to 5?');

  it('asks the prompt, shows the same inputs and ends with Save and Cancel', () => {
    expect(message.text).toBe('What is the impact, from 1 to 5?');
    expect(allText(message.blocks)).toContain('What is the impact, from 1 to 5?');
    expect(inputs(message.blocks).map((b) => b.block_id)).toEqual(riskForm().fields.map((f) => f.id));
    expect(buttonData(message.blocks)).toEqual([{ verb: CARD_VERBS.submitForm, command: 'risk' }, { verb: CARD_VERBS.cancel, command: 'risk' }]);
    expect(ofType(message.blocks, 'actions').at(-1)).toMatchObject({ elements: [{ text: { text: 'Save' }, style: 'primary', action_id: 'pmo.form.submit:0' }, { text: { text: 'Cancel' }, action_id: 'pmo.cancel:1' }] });
  });

  it('types numbers in a message, with the range as a hint', () => {
    const input = inputs(message.blocks).find((b) => b.block_id === 'probability');
    expect(input).toMatchObject({ element: { type: 'plain_text_input', initial_value: '3' }, hint: { text: 'A number from 1 to 5' } });
  });
});

describe('formValuesFromState', () => {
  it.each([
    ['modal', formModal(riskForm(), '').blocks],
    ['message', formMessage(riskForm(), 'q').blocks],
  ])('reads back every field of a %s as the Teams card would submit it', (_surface, blocks) => {
    const values = formValuesFromState(slackState(blocks, { title: 'Vendor API may slip', impact: '5', owner: '@ann', reviewer: 'u1' }));
    expect(values).toEqual({
      title: 'Vendor API may slip', description: '', probability: '3', impact: '5', due: '2026-12-04', response: 'reduce', owner: '@ann', reviewer: 'u1',
    });
    const teamsIds = formCard(riskForm()).body.filter((e) => 'id' in e && e.id).map((e) => (e as { id: string }).id);
    expect(Object.keys(values).sort()).toEqual([...teamsIds].sort());
  });

  it('sends cleared inputs as empty strings, so optional fields can be emptied', () => {
    const values = formValuesFromState(slackState(formModal(riskForm(), '').blocks, { due: null, response: 'none-such', title: null }));
    expect(values).toMatchObject({ due: '', response: '', title: '' });
  });

  it('handles every element kind Slack may send', () => {
    expect(formValuesFromState({
      a: { a: { type: 'plain_text_input', value: 'text' } },
      b: { b: { type: 'number_input', value: '4.5' } },
      c: { c: { type: 'datepicker', selected_date: '2026-12-04' } },
      d: { d: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'High' }, value: 'high' } } },
      e: { e: { type: 'users_select', selected_user: 'U123' } },
      f: { f: { type: 'radio_buttons', selected_option: { value: 'red' } } },
      g: { g: { type: 'static_select', selected_option: null } },
      h: { h: { type: 'checkboxes', selected_options: [{ value: 'x' }, { value: 'y' }] } },
      i: { i: { type: 'button' } },
    })).toEqual({ a: 'text', b: '4.5', c: '2026-12-04', d: 'high', e: 'U123', f: 'red', g: '', h: 'x,y' });
  });

  it('never lets an input overwrite the action data or the prototype', () => {
    const state = JSON.parse('{"x":{"verb":{"type":"plain_text_input","value":"pmo.evil"},"__proto__":{"type":"plain_text_input","value":"p"},"ok":{"type":"plain_text_input","value":"1"}}}');
    const values = formValuesFromState(state);
    expect(values).toEqual({ ok: '1' });
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(formValuesFromState(null as never)).toEqual({});
  });
});
