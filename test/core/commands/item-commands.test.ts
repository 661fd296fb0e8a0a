import { parseCommand, type Command } from '../../../core/commands';
import { context, JANE } from './context';

const jane = { platformUserId: JANE.id, displayName: JANE.name };
const parse = (text: string) => parseCommand(text, context());
const fieldsOf = (text: string) => parse(text).errors.map((e) => e.field);

describe('logging items inline', () => {
  it.each<[string, Command]>([
    ['risk', { name: 'risk' }],
    ['RISK', { name: 'risk' }],
    [
      `risk Vendor API may slip p=4 i=5 owner=${JANE.text} due="next friday" project=APOLLO`,
      { name: 'risk', title: 'Vendor API may slip', probability: 4, impact: 5, owner: jane, due: '2026-12-04', project: 'APOLLO' },
    ],
    ['risk "Vendor API: may slip" probability=1 impact=2', { name: 'risk', title: 'Vendor API: may slip', probability: 1, impact: 2 }],
    ['Risk “Smart quotes” due=“in 2 weeks” owner=me', { name: 'risk', title: 'Smart quotes', due: '2026-12-10', owner: { platformUserId: '29:me' } }],
    ['risk x due=next friday project=apollo', { name: 'risk', title: 'x', due: '2026-12-04', project: 'APOLLO' }],
    [
      'risk x response=transfer mitigation=insure the shipment review=eom description="long story"',
      { name: 'risk', title: 'x', response: 'transfer', mitigation: 'insure the shipment', review: '2026-11-30', description: 'long story' },
    ],
    ['risk x owner=@{U123ABC|jane}', { name: 'risk', title: 'x', owner: { platformUserId: 'U123ABC', displayName: 'jane' } }],
    ['risk title="from a key"', { name: 'risk', title: 'from a key' }],
    ['\u00a0 risk\u00a0x p=2 \u00a0', { name: 'risk', title: 'x', probability: 2 }],
    ['issue', { name: 'issue' }],
    [
      'issue Server down priority=critical type=request for change owner=me due=tomorrow project=OPS',
      { name: 'issue', title: 'Server down', priority: 'critical', type: 'request_for_change', owner: { platformUserId: '29:me' }, due: '2026-11-27', project: 'OPS' },
    ],
    ['issue Spec gap type=off-spec', { name: 'issue', title: 'Spec gap', type: 'off_specification' }],
    ['issue Grumbles type=concern', { name: 'issue', title: 'Grumbles', type: 'problem' }],
    ['change', { name: 'change' }],
    ['change New scope impact="adds 2 weeks, +10k" project=APOLLO', { name: 'change', title: 'New scope', impact: 'adds 2 weeks, +10k', project: 'APOLLO' }],
  ])('%j', (text, command) => {
    expect(parse(text)).toEqual({ command, errors: [] });
  });

  it('keeps the valid fields when one is bad, so only that one is asked again', () => {
    const result = parse('risk Vendor API may slip p=7 i=5 due="next friday" project=APOLLO');
    expect(result.command).toEqual({ name: 'risk', title: 'Vendor API may slip', impact: 5, due: '2026-12-04', project: 'APOLLO' });
    expect(result.errors).toEqual([{ field: 'probability', message: 'p: probability must be a whole number from 1 to 5, got "7"' }]);
  });

  it('reports every bad field at once', () => {
    const result = parse('risk x p=0 i=2.5 owner=@jane due=2026-02-30 project=1X response=ignore');
    expect(result.command).toEqual({ name: 'risk', title: 'x' });
    expect(result.errors.map((e) => e.field).sort()).toEqual(['due', 'impact', 'owner', 'probability', 'project', 'response']);
    expect(result.errors.find((e) => e.field === 'due')?.message).toBe('due date "2026-02-30" is not a real calendar date');
    expect(result.errors.find((e) => e.field === 'owner')?.message).toMatch(/@mention/);
  });

  it.each<[string, string[], RegExp]>([
    ['risk x probabilty=3', ['probabilty'], /^risk has no field "probabilty" \(did you mean "probability"\?\); it takes title, description\/desc, p\/probability, i\/impact, owner, due, project, response, mitigation, review$/],
    ['issue x p=3', ['p'], /^issue has no field "p"; it takes title, description\/desc, priority, type, owner, due, project$/],
    ['change x p=3', ['p'], /^change has no field "p"/],
    ['risk x p=3 probability=4', ['probability'], /^probability is given more than once \(p=3, probability=4\); give it once$/],
    ['risk x title=y', ['title'], /^title is given more than once \(the text before the fields, title=y\)/],
    ['risk p=3 Vendor slip', [''], /^unexpected text "Vendor slip" after p=3; put the title before the fields/],
    ['risk x owner=Jane Doe', ['', 'owner'], /.*/],
    ['risk x due="next friday', ['due'], /^due: the quote in due="next friday is never closed$/],
    ['risk x i=9', ['impact'], /^i: impact must be a whole number from 1 to 5, got "9"$/],
    ['risk x impact=9', ['impact'], /^impact must be a whole number from 1 to 5, got "9"$/],
    ['risk x due=someday', ['due'], /^due date "someday" is not a date I can read/],
    ['risk x desc=""', ['description'], /^desc: description is empty/],
    ['risk x p=', ['probability'], /got nothing$/],
    ['risk x p= i=3', ['probability'], /got nothing$/],
    ['issue x priority=', ['priority'], /got nothing$/],
  ])('%j → errors on %j', (text, fields, message) => {
    const result = parse(text);
    expect(result.errors.map((e) => e.field)).toEqual(fields);
    expect(result.errors[0].message).toMatch(message);
    expect(result.command).not.toBeNull();
  });

  it('drops a duplicated field instead of guessing which one was meant', () => {
    expect(parse('risk x p=3 p=4').command).toEqual({ name: 'risk', title: 'x' });
  });

  it('resolves a risk impact as 1–5 and a change impact as text', () => {
    expect(parse('risk x i=3').command).toEqual({ name: 'risk', title: 'x', impact: 3 });
    expect(parse('change x impact=3').command).toEqual({ name: 'change', title: 'x', impact: '3' });
    expect(fieldsOf('risk x impact="two weeks"')).toEqual(['impact']);
  });
});

describe('show, update, close, escalate', () => {
  it.each<[string, Command]>([
    ['show R-12', { name: 'show', key: 'R-12', kind: 'risk' }],
    ['SHOW i-3', { name: 'show', key: 'I-3', kind: 'issue' }],
    ['show c1', { name: 'show', key: 'C-1', kind: 'change' }],
    ['update R-3 p=4 status=mitigating', { name: 'update', key: 'R-3', kind: 'risk', fields: { probability: 4, status: 'mitigating' } }],
    ['update r-3 review=eom response=accept', { name: 'update', key: 'R-3', kind: 'risk', fields: { review: '2026-11-30', response: 'accept' } }],
    [
      'update I-7 status=in progress resolution="patched" priority=low',
      { name: 'update', key: 'I-7', kind: 'issue', fields: { status: 'in_progress', resolution: 'patched', priority: 'low' } },
    ],
    ['update C-2 decision=approved impact="2 more weeks"', { name: 'update', key: 'C-2', kind: 'change', fields: { decision: 'approved', impact: '2 more weeks' } }],
    [`update C-2 owner=${JANE.text} title=New title`, { name: 'update', key: 'C-2', kind: 'change', fields: { owner: jane, title: 'New title' } }],
    ['close R-3', { name: 'close', key: 'R-3', kind: 'risk' }],
    ['close I-4 vendor shipped the fix', { name: 'close', key: 'I-4', kind: 'issue', resolution: 'vendor shipped the fix' }],
    ['close I-4 "fixed: see ticket 42"', { name: 'close', key: 'I-4', kind: 'issue', resolution: 'fixed: see ticket 42' }],
    ['close I-4 resolution="patched"', { name: 'close', key: 'I-4', kind: 'issue', resolution: 'patched' }],
    ['close C-9 line one\nline two', { name: 'close', key: 'C-9', kind: 'change', resolution: 'line one\nline two' }],
    ['escalate R-2', { name: 'escalate', key: 'R-2' }],
    ['Escalate r2', { name: 'escalate', key: 'R-2' }],
    ['escalate I-3', { name: 'escalate', key: 'I-3' }],
    ['escalate i3', { name: 'escalate', key: 'I-3' }],
  ])('%j', (text, command) => {
    expect(parse(text)).toEqual({ command, errors: [] });
  });

  it.each<[string, string, RegExp]>([
    ['show', 'key', /^show needs an item key first; use: show KEY/],
    ['show X-5', 'key', /^show: item key must look like R-12, I-3, C-1, D-4 or A-2, got "X-5"$/],
    ['show p=3', 'key', /needs an item key/],
    ['update', 'key', /^update needs an item key first/],
    ['update APOLLO p=3', 'key', /got "APOLLO"/],
    ['close', 'key', /^close needs an item key first/],
    ['escalate', 'key', /^escalate needs an item key first/],
    ['escalate C-3', 'key', /^escalate: only risks or issues can be used here \(R-n, I-n\), got "C-3", which is a change request$/],
    ['escalate D-3', 'key', /which is a decision$/],
    ['escalate A-3', 'key', /which is an action$/],
    ['escalate X-3', 'key', /^escalate: item key must look like R-12 or I-12, got "X-3"$/],
  ])('%j has no usable item key', (text, field, message) => {
    const result = parse(text);
    expect(result.command).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].field).toBe(field);
    expect(result.errors[0].message).toMatch(message);
  });

  it.each<[string, string[], RegExp]>([
    ['update C-2', ['fields'], /^update C-2 needs at least one field=value to change; fields: title, description\/desc, impact, owner, due, decision$/],
    ['update R-3 the vendor', [''], /^update R-3 takes field=value after the key, not "the vendor"; fields: title, .*status/],
    ['update I-3 p=4', ['p'], /^I-3 \(an issue\) has no field "p"; it takes title, description\/desc, priority, type, owner, due, status, resolution$/],
    ['update R-3 status=resolved', ['status'], /^status must be one of open, mitigating, closed, got "resolved"$/],
    ['update I-3 status=mitigating', ['status'], /^status must be one of open, in_progress, resolved, closed/],
    ['update C-3 decision=maybe', ['decision'], /^decision must be one of pending, approved, rejected, deferred/],
    ['update R-3 project=APOLLO', ['project'], /has no field "project"/],
    ['show R-1 please', [''], /^unexpected text "please" after R-1; use: show KEY/],
    ['escalate R-1 now', [''], /^unexpected text "now" after R-1/],
    ['close R-1 resolution=', ['resolution'], /^resolution is empty/],
  ])('%j → errors on %j, the command kept', (text, fields, message) => {
    const result = parse(text);
    expect(result.command).not.toBeNull();
    expect(result.errors.map((e) => e.field)).toEqual(fields);
    expect(result.errors[0].message).toMatch(message);
  });

  it('keeps the valid update fields beside a bad one', () => {
    expect(parse('update R-3 p=9 i=2 due=tomorrow')).toEqual({
      command: { name: 'update', key: 'R-3', kind: 'risk', fields: { impact: 2, due: '2026-11-27' } },
      errors: [{ field: 'probability', message: 'p: probability must be a whole number from 1 to 5, got "9"' }],
    });
  });
});
