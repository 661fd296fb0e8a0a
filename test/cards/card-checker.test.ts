// The checker must be able to fail: each broken card below is one mistake it has to report.
import { CARD_SCHEMA, CARD_VERBS, errorCard } from '../../cards';
import { checkCard, MAX_CARD_BYTES } from './card-checker';

const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: '1.5', body, ...extra,
});
const text = { type: 'TextBlock', text: 'Hello', wrap: true };
const save = { type: 'Action.Submit', title: 'Save', data: { verb: CARD_VERBS.confirmSave, command: 'risk' } };

it('passes a small valid card and a real one', () => {
  expect(checkCard(card([text], { actions: [save] }))).toEqual([]);
  expect(checkCard(errorCard({ message: 'x' }))).toEqual([]);
});

it.each<[string, unknown, RegExp]>([
  ['a misspelt element type', card([{ type: 'TextBlok', text: 'x' }]), /Unknown element type "TextBlok"/],
  ['an unknown action type', card([text], { actions: [{ type: 'Action.Sumbit', title: 'x', data: {} }] }), /Unknown action type/],
  ['an unknown element property', card([{ ...text, colour: 'good' }]), /TextBlock: unknown property "colour"/],
  ['an unknown card property', card([text], { msteams: { width: 'Full' } }), /AdaptiveCard: unknown property "msteams"/],
  ['an unknown fact property', card([{ type: 'FactSet', facts: [{ title: 'a', value: 'b', color: 'good' }] }]), /facts\[0\]: unknown property "color"/],
  ['an invalid enum value', card([{ ...text, color: 'purple' }]), /Invalid value "purple" for property "color"/],
  ['an element newer than 1.5', card([{ type: 'Carousel', pages: [] }]), /Carousel needs schema 1\.6/],
  ['a property newer than 1.5', card([{ type: 'Input.Text', id: 'a', label: 'A', labelPosition: 'inline' }]), /"labelPosition" needs schema 1\.6/],
  ['a required input without a label', card([{ type: 'Input.Text', id: 'a', isRequired: true, errorMessage: 'x' }]), /should have a label/],
  ['duplicate input ids', card([{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }]), /Duplicate Id/],
  ['an empty TextBlock', card([{ type: 'TextBlock', text: ' ' }]), /TextBlock: empty text/],
  ['another version', { ...card([text]), version: '1.6' }, /version is 1\.6/],
  ['no $schema', { type: 'AdaptiveCard', version: '1.5', body: [text] }, /\$schema is not set/],
  ['a verb not in CARD_VERBS', card([text], { actions: [{ ...save, data: { verb: 'pmo.delete' } }] }), /data.verb is not one of CARD_VERBS/],
  ['a submit without data', card([text], { actions: [{ type: 'Action.Submit', title: 'Go' }] }), /data.verb is not one of CARD_VERBS/],
  ['data missing what its verb needs', card([text], { actions: [{ ...save, data: { verb: CARD_VERBS.editField, command: 'risk' } }] }), /does not match its verb/],
  ['a verb hidden in a row selectAction', card([{ type: 'ColumnSet', columns: [], selectAction: { ...save, data: { verb: 'x' } } }]), /not one of CARD_VERBS/],
  ['a card over the size limit', card([{ ...text, text: 'x'.repeat(MAX_CARD_BYTES) }]), /bytes, over 28000/],
])('reports %s', (_what, json, expected) => {
  const problems = checkCard(json);
  expect(problems.join('\n')).toMatch(expected);
});
