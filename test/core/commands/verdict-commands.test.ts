// `approve C-n [comment] [time=.. cost=.. scope=..]` and `reject C-n [comment]` as typed.
import { parseCommand, type Command } from '../../../core/commands';
import { context } from './context';

const parse = (text: string) => parseCommand(text, context());

describe('approve and reject', () => {
  it.each<[string, Command]>([
    ['approve C-3', { name: 'approve', key: 'C-3' }],
    ['approve c3', { name: 'approve', key: 'C-3' }],
    ['Approve C-3 Fits the Q3 budget', { name: 'approve', key: 'C-3', comment: 'Fits the Q3 budget' }],
    ['approve C-3 comment="Fits the budget"', { name: 'approve', key: 'C-3', comment: 'Fits the budget' }],
    ['approve C-3 time="+2 weeks" cost=+10k scope="adds SSO" OK by the board', { name: 'approve', key: 'C-3', comment: 'OK by the board', impactTime: '+2 weeks', impactCost: '+10k', impactScope: 'adds SSO' }],
    ['reject C-12 Not in this release', { name: 'reject', key: 'C-12', comment: 'Not in this release' }],
    ['reject C-12', { name: 'reject', key: 'C-12' }],
  ])('%s', (text, command) => {
    expect(parse(text)).toEqual({ command, errors: [] });
  });

  it('need a change request key first, and say so', () => {
    expect(parse('approve').errors[0].message).toMatch(/^approve needs a change request key first; use: approve C-n/);
    expect(parse('approve R-3').command).toBeNull();
    expect(parse('reject Not now').command).toBeNull();
  });

  it('reject takes no impacts; approve no other property', () => {
    expect(parse('reject C-3 time="+1w"').errors.map((e) => e.message)).toEqual([expect.stringMatching(/^reject C-3 takes comment=, not "?time="?/)]);
    expect(parse('approve C-3 owner=me').errors.map((e) => e.message)).toEqual([expect.stringMatching(/^approve C-3 takes comment=, time=, cost= or scope=/)]);
  });
});
