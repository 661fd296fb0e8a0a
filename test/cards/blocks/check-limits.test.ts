import { checkLimits, checkMessage, checkModal, formModal, type Block, type SurfaceExtras } from '../../../cards/blocks';
import { riskForm } from '../fixtures';

const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const button = (n: number, extra: Record<string, unknown> = {}) => ({ type: 'button', text: plain('Go'), action_id: `pmo.cancel:${n}`, value: '{"verb":"pmo.cancel"}', ...extra });
const section = (text: string) => ({ type: 'section', text: md(text) });
const input = (element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'input', block_id: 'f', label: plain('F'), element: { action_id: 'f', ...element }, ...extra });
const option = (value: string, text = value) => ({ text: plain(text), value });
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

const GOOD: Block[] = [
  { type: 'header', text: plain('R-7 Vendor API may slip') },
  { type: 'context', elements: [md('Risk · APOLLO')] },
  { type: 'section', text: md('*Critical*'), accessory: button(0) },
  { type: 'section', fields: many(10, (i) => md(`*F${i}*\nv`)) },
  { type: 'divider' },
  { type: 'actions', elements: [button(1), button(2, { style: 'primary' })] },
  input({ type: 'static_select', options: [option('a'), option('b')], initial_option: option('b') }),
  { type: 'input', block_id: 'n', label: plain('N'), element: { type: 'number_input', action_id: 'n', is_decimal_allowed: false, min_value: '1', max_value: '5', initial_value: '3' } },
  { type: 'input', block_id: 'd', label: plain('D'), optional: true, element: { type: 'datepicker', action_id: 'd', initial_date: '2026-12-04' } },
];

const CASES: [string, 'message' | 'modal', Block[], SurfaceExtras, RegExp][] = [
  ['51 blocks in a message', 'message', many(51, () => section('x')), {}, /51 blocks, more than the 50 a message/],
  ['101 blocks in a modal', 'modal', many(101, () => section('x')), {}, /101 blocks, more than the 100 a modal/],
  ['section text over 3,000', 'message', [section('x'.repeat(3001))], {}, /blocks\[0\]\.text\.text: 3001 characters, more than 3000/],
  ['empty section text', 'message', [section('')], {}, /blocks\[0\]\.text\.text: must not be empty/],
  ['a section with neither text nor fields', 'message', [{ type: 'section' }], {}, /needs text or fields/],
  ['11 fields', 'message', [{ type: 'section', fields: many(11, () => md('x')) }], {}, /fields: 11 items, more than 10/],
  ['a field over 2,000', 'message', [{ type: 'section', fields: [md('x'.repeat(2001))] }], {}, /fields\[0\]\.text: 2001 characters, more than 2000/],
  ['header over 150', 'message', [{ type: 'header', text: plain('x'.repeat(151)) }], {}, /151 characters, more than 150/],
  ['mrkdwn header', 'message', [{ type: 'header', text: md('x') }], {}, /text\.type: must be plain_text/],
  ['11 context elements', 'message', [{ type: 'context', elements: many(11, () => md('x')) }], {}, /elements: 11 items, more than 10/],
  ['empty context', 'message', [{ type: 'context', elements: [] }], {}, /elements: must not be empty/],
  ['26 buttons in an actions block', 'message', [{ type: 'actions', elements: many(26, (i) => button(i)) }], {}, /elements: 26 items, more than 25/],
  ['button text over 75', 'message', [{ type: 'actions', elements: [button(0, { text: plain('x'.repeat(76)) })] }], {}, /76 characters, more than 75/],
  ['button value over 2,000', 'message', [{ type: 'actions', elements: [button(0, { value: 'x'.repeat(2001) })] }], {}, /value: 2001 characters, more than 2000/],
  ['action_id over 255', 'message', [{ type: 'actions', elements: [button(0, { action_id: 'x'.repeat(256) })] }], {}, /action_id: 256 characters, more than 255/],
  ['duplicate action ids', 'message', [{ type: 'actions', elements: [button(0), button(0)] }], {}, /duplicate action_id "pmo.cancel:0"/],
  ['duplicate block ids', 'message', [{ ...section('a'), block_id: 'b' }, { ...section('b'), block_id: 'b' }], {}, /duplicate block_id "b"/],
  ['bad button style', 'message', [{ type: 'actions', elements: [button(0, { style: 'green' })] }], {}, /style: must be primary or danger/],
  ['plain_text_input max_length over 3,000', 'modal', [input({ type: 'plain_text_input', max_length: 3001 })], {}, /max_length: must be 1–3000/],
  ['initial value longer than max_length', 'modal', [input({ type: 'plain_text_input', max_length: 5, initial_value: 'toolong' })], {}, /initial_value: 7 characters, more than 5/],
  ['placeholder over 150', 'modal', [input({ type: 'plain_text_input', placeholder: plain('x'.repeat(151)) })], {}, /placeholder\.text: 151 characters, more than 150/],
  ['101 options', 'modal', [input({ type: 'static_select', options: many(101, (i) => option(`v${i}`)) })], {}, /options: 101 items, more than 100/],
  ['no options', 'modal', [input({ type: 'static_select', options: [] })], {}, /options: must not be empty/],
  ['option text over 75', 'modal', [input({ type: 'static_select', options: [option('a', 'x'.repeat(76))] })], {}, /options\[0\]\.text\.text: 76 characters/],
  ['duplicate option values', 'modal', [input({ type: 'static_select', options: [option('a'), option('a')] })], {}, /duplicate option value "a"/],
  ['initial option not among the options', 'modal', [input({ type: 'static_select', options: [option('a')], initial_option: option('b') })], {}, /initial_option: must be one of the options/],
  ['number input without is_decimal_allowed', 'modal', [input({ type: 'number_input' })], {}, /is_decimal_allowed: is required/],
  ['number as a JSON number', 'modal', [input({ type: 'number_input', is_decimal_allowed: false, initial_value: 3 })], {}, /initial_value: must be a number as a string/],
  ['decimal in a whole-number input', 'modal', [input({ type: 'number_input', is_decimal_allowed: false, initial_value: '2.5' })], {}, /must be a whole number/],
  ['initial number out of range', 'modal', [input({ type: 'number_input', is_decimal_allowed: false, min_value: '1', max_value: '5', initial_value: '9' })], {}, /initial_value: is out of range/],
  ['min over max', 'modal', [input({ type: 'number_input', is_decimal_allowed: true, min_value: '5', max_value: '1' })], {}, /min_value is greater than max_value/],
  ['a date not as YYYY-MM-DD', 'modal', [input({ type: 'datepicker', initial_date: '04/12/2026' })], {}, /initial_date: must be YYYY-MM-DD/],
  ['an input without element', 'modal', [{ type: 'input', block_id: 'f', label: plain('F') }], {}, /element: is required/],
  ['a button as an input', 'modal', [input({ type: 'button', text: plain('x') })], {}, /a button is not an input/],
  ['label over 2,000', 'modal', [input({ type: 'plain_text_input' }, { label: plain('x'.repeat(2001)) })], {}, /label\.text: 2001 characters/],
  ['an unknown block', 'message', [{ type: 'table' }], {}, /unknown block type "table"/],
  ['an unknown element', 'modal', [input({ type: 'rich_text_input' })], {}, /unknown element type "rich_text_input"/],
  ['a lone surrogate (half an emoji)', 'message', [section('🚀'.slice(0, 1))], {}, /lone surrogate/],
  ['a modal title over 24', 'modal', [], { title: 'x'.repeat(25) }, /title: 25 characters, more than 24/],
  ['an empty modal title', 'modal', [], { title: '' }, /title: must not be empty/],
  ['a submit label over 24', 'modal', [], { submit: 'x'.repeat(25) }, /submit: 25 characters/],
  ['private metadata over 3,000', 'modal', [], { privateMetadata: 'x'.repeat(3001) }, /private_metadata: 3001 characters/],
];

describe('checkLimits', () => {
  it('finds nothing wrong in blocks that keep every limit', () => {
    expect(checkLimits('modal', GOOD, { title: 'Log a risk', submit: 'Save', close: 'Cancel', privateMetadata: 'x' })).toEqual([]);
    expect(checkLimits('message', GOOD)).toEqual([]);
  });

  it.each(CASES)('catches %s', (_name, surface, blocks, extra, expected) => {
    const problems = checkLimits(surface, blocks, extra);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('reports every violation, not just the first', () => {
    expect(checkLimits('message', [section(''), { type: 'header', text: plain('x'.repeat(151)) }, { type: 'nope' }])).toHaveLength(3);
  });

  it('checks a whole message and a whole modal', () => {
    expect(checkMessage({ text: '', blocks: GOOD })).toEqual(['text: must not be empty']);
    const modal = formModal(riskForm(), 'x'.repeat(3001));
    expect(checkModal(modal)).toEqual(['private_metadata: 3001 characters, more than 3000']);
    expect(checkModal({ ...modal, private_metadata: '', title: plain('x'.repeat(30)) as never })).toEqual(['title: 30 characters, more than 24']);
  });
});
