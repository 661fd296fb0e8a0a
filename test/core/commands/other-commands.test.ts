import { parseCommand, type Command } from '../../../core/commands';
import { context, JANE } from './context';

const jane = { platformUserId: JANE.id, displayName: JANE.name };
const parse = (text: string) => parseCommand(text, context());

describe('set-up, views and the rest of SPEC §3', () => {
  it.each<[string, Command]>([
    ['help', { name: 'help' }],
    ['HELP Risk', { name: 'help', topic: 'risk' }],
    ['help project add', { name: 'help', topic: 'project' }],
    ['status', { name: 'status' }],
    ['status apollo', { name: 'status', project: 'APOLLO' }],
    ['status project=APOLLO rag=g', { name: 'status', project: 'APOLLO', rag: 'green' }],
    [
      'status APOLLO rag=amber schedule=r scope=green cost=a summary=on track mostly done="API v2" next="beta" blockers="vendor contract"',
      { name: 'status', project: 'APOLLO', rag: 'amber', schedule: 'red', scope: 'green', cost: 'amber', summary: 'on track mostly', done: 'API v2', next: 'beta', blockers: 'vendor contract' },
    ],
    ['list', { name: 'list' }],
    ['list risks', { name: 'list', register: 'risk' }],
    ['list risks mine overdue project=APOLLO', { name: 'list', register: 'risk', mine: true, overdue: true, project: 'APOLLO' }],
    ['list overdue project=apollo MINE issue', { name: 'list', register: 'issue', mine: true, overdue: true, project: 'APOLLO' }],
    ['list my changes', { name: 'list', register: 'change', mine: true }],
    ['project add APOLLO "Apollo Moon" program=MOON portfolio=SPACE pm=me', { name: 'project_add', key: 'APOLLO', title: 'Apollo Moon', program: 'MOON', portfolio: 'SPACE', pm: { platformUserId: '29:me' } }],
    [`Project ADD apollo Apollo Moon pm=${JANE.text}`, { name: 'project_add', key: 'APOLLO', title: 'Apollo Moon', pm: jane }],
    ['project add', { name: 'project_add' }],
    ['project add "Apollo Moon"', { name: 'project_add', title: 'Apollo Moon' }],
    ['project add key=APOLLO name="Apollo Moon"', { name: 'project_add', key: 'APOLLO', title: 'Apollo Moon' }],
    ['program add MOON “Moon Shots” portfolio=space', { name: 'program_add', key: 'MOON', title: 'Moon Shots', portfolio: 'SPACE' }],
    ['programme add MOON Moon Shots', { name: 'program_add', key: 'MOON', title: 'Moon Shots' }],
    ['portfolio add SPACE "Space programmes"', { name: 'portfolio_add', key: 'SPACE', title: 'Space programmes' }],
    ['link APOLLO', { name: 'link', project: 'APOLLO' }],
    ['link', { name: 'link' }],
    ['link exec EMEA', { name: 'link_exec', portfolio: 'EMEA' }],
    ['link EXEC emea', { name: 'link_exec', portfolio: 'EMEA' }],
    ['link exec', { name: 'link_exec' }],
    [`role ${JANE.text} pm`, { name: 'role', user: jane, role: 'pm' }],
    ['role @{U123ABC} pmo_admin', { name: 'role', user: { platformUserId: 'U123ABC' }, role: 'pmo_admin' }],
    ['role executive @{U123ABC|jane doe}', { name: 'role', user: { platformUserId: 'U123ABC', displayName: 'jane doe' }, role: 'executive' }],
    ['role', { name: 'role' }],
    ['settings', { name: 'settings' }],
    [
      'settings timezone=America/New_York digest="Mon 09:30" reminders=monday 9:00 nudge="thu 10:00" policy=controlling',
      { name: 'settings', timezone: 'America/New_York', digest: 'Mon 09:30', reminders: 'Mon 09:00', nudge: 'Thu 10:00', policy: 'controlling' },
    ],
    ['settings tz=europe/berlin', { name: 'settings', timezone: 'Europe/Berlin' }],
    ['digest', { name: 'digest' }],
    ['digest emea', { name: 'digest', portfolio: 'EMEA' }],
    ['reminders', { name: 'reminders' }],
    ['export risks', { name: 'export', register: 'risk' }],
    ['export status project=APOLLO', { name: 'export', register: 'status', project: 'APOLLO' }],
    ['export', { name: 'export' }],
    ['cancel', { name: 'cancel' }],
    ['Cancel that please', { name: 'cancel' }],
  ])('%j', (text, command) => {
    expect(parse(text)).toEqual({ command, errors: [] });
  });

  it.each<[string, string[], RegExp]>([
    ['help rsik', ['topic'], /^there is no help on "rsik" \(did you mean "risk"\?\); try help with one of: help, status, risk/],
    ['status APOLLO extra', [''], /^unexpected text "extra" after status APOLLO; use: status \[PROJECT\]/],
    ['status APOLLO rag=purple', ['rag'], /^rag: overall RAG must be one of red, amber, green, got "purple"$/],
    ['status APOLLO overall=purple', ['rag'], /^overall RAG must be one of/],
    ['status APOLLO project=ZEUS', ['project'], /given more than once \(APOLLO, project=ZEUS\)/],
    ['status 1X', ['project'], /^project key must be/],
    ['list riks', [''], /^list does not understand "riks" \(did you mean "risks"\?\); use: list risks\|issues\|changes/],
    ['list risks APOLLO', [''], /\(for a project write project=APOLLO\)/],
    ['list risks issues', ['register'], /^list takes one register at a time, got risks and issues/],
    ['list risks owner=me', ['owner'], /^list has no field "owner"; it takes project$/],
    ['list risks project=1', ['project'], /^project key must be/],
    ['project add 1APOLLO "Apollo"', ['key'], /^project key must be 2–16 letters/],
    ['project add APOLLO Apollo pm=@jane', ['pm'], /^pm must be an @mention/],
    ['project add APOLLO Apollo owner=me', ['owner'], /^project add has no field "owner"; it takes key, name\/title, program\/programme, portfolio, pm$/],
    ['program add MOON Moon pm=me', ['pm'], /^program add has no field "pm"; it takes key, name\/title, portfolio$/],
    ['portfolio add SPACE Space program=X', ['program'], /^portfolio add has no field "program"/],
    ['link APOLLO ZEUS', [''], /^unexpected text "ZEUS" after link APOLLO; use: link PROJECT, or link exec PORTFOLIO$/],
    ['link exec 9', ['portfolio'], /^portfolio key must be/],
    ['role @jane pm', ['user'], /^user must be an @mention/],
    ['role @{U1} boss', ['role'], /^role must be one of member, pm, pmo_admin, executive, got "boss"$/],
    ['role @{U1} pm now', [''], /^unexpected text "now" after the person and the role/],
    ['settings timezone=Mars/Phobos digest=Mon 9', ['timezone', 'digest'], /^timezone must be an IANA zone/],
    ['settings Europe/Berlin', [''], /^unexpected text "Europe\/Berlin" after settings/],
    ['settings colour=blue', ['colour'], /^settings has no field "colour"; it takes timezone\/tz, digest, reminders, nudge, policy, scorecard, holidays\/holiday$/],
    ['digest EMEA APAC', [''], /^unexpected text "APAC" after digest EMEA/],
    ['reminders now', [''], /^unexpected text "now" after reminders; use: reminders \(it reminds the whole workspace\)$/],
    ['export rsks', [''], /^export does not understand "rsks" \(did you mean "risks"\?\)/],
    ['export status risks', ['register'], /one register at a time/],
  ])('%j → errors on %j, the command kept', (text, fields, message) => {
    const result = parse(text);
    expect(result.command).not.toBeNull();
    expect(result.errors.map((e) => e.field)).toEqual(fields);
    expect(result.errors[0].message).toMatch(message);
  });

  it('keeps the valid settings beside a bad one', () => {
    expect(parse('settings timezone=Asia/Kolkata digest="Mon 25:00" policy=directive')).toEqual({
      command: { name: 'settings', timezone: 'Asia/Kolkata', policy: 'directive' },
      errors: [{ field: 'digest', message: 'digest must be a weekday and a 24-hour time like "Mon 09:30", got "Mon 25:00"' }],
    });
  });
});

describe('unknown or unusable commands', () => {
  it.each<[string, RegExp]>([
    ['rsik Vendor may slip', /^I don't know the command "rsik" \(did you mean "risk"\?\); type help to see what I can do$/],
    ['isue x', /did you mean "issue"/],
    ['lsit risks', /did you mean "list"/],
    ['stauts', /did you mean "status"/],
    ['hlep', /did you mean "help"/],
    ['remiders', /did you mean "reminders"/],
    ['sttings', /did you mean "settings"/],
    ['hello there', /^I don't know the command "hello" \(did you mean "help"\?\)/],
    ['thanks', /^I don't know the command "thanks"; type help to see what I can do$/],
    ['', /^the message is empty; type help/],
    [' \u00a0 \n ', /^the message is empty/],
    ['p=3 risk', /^start with a command such as risk, issue, status or list, got "p=3"/],
    ['"risk" x', /^start with a command/],
    ['project APOLLO', /^project needs "add" after it, got "APOLLO"; use: project add KEY "Name"/],
    ['project ad APOLLO', /got "ad" \(did you mean "add"\?\)/],
    ['program', /^program needs "add" after it, got nothing; use: program add KEY/],
    ['portfolio list', /^portfolio needs "add"/],
  ])('%j', (text, message) => {
    const result = parse(text);
    expect(result.command).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].field).toBe('command');
    expect(result.errors[0].message).toMatch(message);
  });
});

describe('people', () => {
  it('reads the doors’ mentions, and refuses one the platform did not resolve', () => {
    expect(parseCommand('role @{29:bob|Bob Builder} pm', context()).command).toEqual({ name: 'role', user: { platformUserId: '29:bob', displayName: 'Bob Builder' }, role: 'pm' });
    expect(parseCommand('role @{|Carol} pm', context()).errors).toEqual([{ field: 'user', message: 'user: I could not tell who "@Carol" is; @mention the person again' }]);
  });

  it('takes @name as the user id only in local (emulator) mode', () => {
    expect(parseCommand('risk x owner=@jane', context({ platform: 'local' })).command).toEqual({ name: 'risk', title: 'x', owner: { platformUserId: 'jane' } });
    expect(parseCommand('risk x owner=@jane', context({ platform: 'slack' })).errors.map((e) => e.field)).toEqual(['owner']);
  });
});
