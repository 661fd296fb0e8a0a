// The decision log and actions as typed: `decision …` and `action …` inline, their aliases, bad values,
// and the word `decision` as a command versus a change request's `decision=` field.
import { parseCommand, type Command } from '../../../core/commands';
import { context, JANE } from './context';

const parse = (text: string) => parseCommand(text, context());
const me = { platformUserId: '29:me' };
const jane = { platformUserId: JANE.id, displayName: JANE.name };

describe('decision and action inline', () => {
  it.each<[string, Command]>([
    ['decision', { name: 'decision' }],
    ['Decision', { name: 'decision' }],
    [
      'decision Use vendor B outcome="Switch to vendor B" rationale="cheaper and ships in March" item=R-1 project=APOLLO',
      { name: 'decision', title: 'Use vendor B', outcome: 'Switch to vendor B', rationale: 'cheaper and ships in March', items: ['R-1'], project: 'APOLLO' },
    ],
    [
      `decision Use vendor B decided="Switch to vendor B" why=cost by=${JANE.text} on=2026-11-20 items=r-1,I2 owner=me`,
      { name: 'decision', title: 'Use vendor B', outcome: 'Switch to vendor B', rationale: 'cost', decidedBy: jane, decidedOn: '2026-11-20', items: ['R-1', 'I-2'], owner: me },
    ],
    ['decision Keep the date what="hold go-live" decided_on=yesterday concerns="R-3 I-2, C-1"', {
      name: 'decision', title: 'Keep the date', outcome: 'hold go-live', decidedOn: '2026-11-25', items: ['R-3', 'I-2', 'C-1'],
    }],
    ['decision approved', { name: 'decision', title: 'approved' }],
    ['action', { name: 'action' }],
    ['ACTION Call the vendor', { name: 'action', title: 'Call the vendor' }],
    ['action Call the vendor owner=me due=friday item=R-1', { name: 'action', title: 'Call the vendor', owner: me, due: '2026-11-27', item: 'R-1' }],
    ['action Call the vendor for=i-2 due="in 2 weeks" project=apollo', { name: 'action', title: 'Call the vendor', item: 'I-2', due: '2026-12-10', project: 'APOLLO' }],
    [`action Book the room owner=${JANE.text} desc="room 4" item=D-3`, { name: 'action', title: 'Book the room', owner: jane, description: 'room 4', item: 'D-3' }],
  ])('%j', (text, command) => {
    expect(parse(text)).toEqual({ command, errors: [] });
  });

  it.each<[string, Command, string, string]>([
    ['decision x items=R-1,X-2', { name: 'decision', title: 'x' }, 'items', 'items: item key must look like R-12, I-3, C-1, D-4 or A-2, got "X-2"'],
    ['decision x items=', { name: 'decision', title: 'x' }, 'items', 'items must be item keys like R-12, I-3, C-1, D-4 or A-2, got nothing'],
    ['decision x on=someday', { name: 'decision', title: 'x' }, 'decidedOn', 'on: decision date "someday" is not a date I can read; try 2026-12-04, 4 Dec, next friday, in 2 weeks, last friday, tomorrow, eow or eom'],
    ['decision x status=agreed', { name: 'decision', title: 'x' }, 'status', 'decision has no field "status"; it takes title, description/desc, outcome/decided/what, rationale/why, by/decided_by, on/decided_on, items/item/concerns, owner, project'],
    ['decision x due=friday', { name: 'decision', title: 'x' }, 'due', 'decision has no field "due"; it takes title, description/desc, outcome/decided/what, rationale/why, by/decided_by, on/decided_on, items/item/concerns, owner, project'],
    ['action x item=X-1', { name: 'action', title: 'x' }, 'item', 'item key must look like R-12, I-3, C-1, D-4 or A-2, got "X-1"'],
    ['action x item=R-1,R-2', { name: 'action', title: 'x' }, 'item', 'item key must look like R-12, I-3, C-1, D-4 or A-2, got "R-1,R-2"'],
    ['action x due=someday', { name: 'action', title: 'x' }, 'due', 'due date "someday" is not a date I can read; try 2026-12-04, 4 Dec, next friday, in 2 weeks, last friday, tomorrow, eow or eom'],
    ['action x status=done', { name: 'action', title: 'x' }, 'status', 'action has no field "status"; it takes title, description/desc, owner, due, item/for, project'],
  ])('%j is refused on that one field', (text, command, field, message) => {
    expect(parse(text)).toEqual({ command, errors: [{ field, message }] });
  });
});

describe('acting on decisions and actions by key', () => {
  it.each<[string, Command]>([
    ['show D-3', { name: 'show', key: 'D-3', kind: 'decision' }],
    ['show a2', { name: 'show', key: 'A-2', kind: 'action' }],
    ['update A-1 status=done due=eom', { name: 'update', key: 'A-1', kind: 'action', fields: { status: 'done', due: '2026-11-30' } }],
    ['update A-1 item=I-4', { name: 'update', key: 'A-1', kind: 'action', fields: { item: 'I-4' } }],
    ['update D-1 status=agreed', { name: 'update', key: 'D-1', kind: 'decision', fields: { status: 'agreed' } }],
    ['update D-1 superseded_by=D-2', { name: 'update', key: 'D-1', kind: 'decision', fields: { supersededBy: 'D-2' } }],
    ['update D-1 why="the team knows it" items=R-1', { name: 'update', key: 'D-1', kind: 'decision', fields: { rationale: 'the team knows it', items: ['R-1'] } }],
    ['close A-1', { name: 'close', key: 'A-1', kind: 'action' }],
    ['close D-1 replaced by D-2', { name: 'close', key: 'D-1', kind: 'decision', resolution: 'replaced by D-2' }],
    ['list decisions', { name: 'list', register: 'decision' }],
    ['list action', { name: 'list', register: 'action' }],
    ['list actions mine overdue', { name: 'list', register: 'action', mine: true, overdue: true }],
    ['export decisions', { name: 'export', register: 'decision' }],
    ['export actions project=APOLLO', { name: 'export', register: 'action', project: 'APOLLO' }],
  ])('%j', (text, command) => {
    expect(parse(text)).toEqual({ command, errors: [] });
  });

  it.each<[string, string, string]>([
    ['update A-1 status=closed', 'status', 'status must be one of open, done, got "closed"'],
    ['update D-1 status=maybe', 'status', 'status must be one of proposed, agreed, superseded, got "maybe"'],
    ['update D-1 superseded_by=R-2', 'supersededBy', 'superseded_by: only decisions can be used here (D-n), got "R-2", which is a risk'],
  ])('%j is refused with what is allowed', (text, field, message) => {
    expect(parse(text).errors).toEqual([{ field, message }]);
  });
});

describe('the word decision: a command first, a change request field after a key', () => {
  it('update C-1 decision=approved decides the change request', () => {
    expect(parse('update C-1 decision=approved')).toEqual({ command: { name: 'update', key: 'C-1', kind: 'change', fields: { decision: 'approved' } }, errors: [] });
  });

  it('decision approved logs a decision titled "approved"', () => {
    expect(parse('decision approved').command).toEqual({ name: 'decision', title: 'approved' });
  });

  it('a decision has no decision= field, and a change request no outcome=: each says what it takes', () => {
    expect(parse('update D-1 decision=approved').errors).toEqual([{
      field: 'decision',
      message: 'D-1 (a decision) has no field "decision"; it takes title, description/desc, outcome/decided/what, rationale/why, by/decided_by, on/decided_on, items/item/concerns, owner, status, superseded_by/supersededby',
    }]);
    expect(parse('update C-1 outcome=x').errors).toEqual([{
      field: 'outcome', message: 'C-1 (a change request) has no field "outcome"; it takes title, description/desc, impact, owner, due, decision',
    }]);
  });

  it('decision=approved alone is no command', () => {
    expect(parse('decision=approved')).toEqual({
      command: null,
      errors: [{ field: 'command', message: 'start with a command such as risk, issue, status or list, got "decision=approved"; type help to see what I can do' }],
    });
  });

  it('decisions and actions alone are not commands, and say which is', () => {
    expect(parse('decisions').errors[0].message).toBe('I don\'t know the command "decisions" (did you mean "decision"?); type help to see what I can do');
    expect(parse('actions').errors[0].message).toBe('I don\'t know the command "actions" (did you mean "action"?); type help to see what I can do');
  });
});
