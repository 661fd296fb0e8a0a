import { parseField, parseItemField, type CommandName } from '../../../core/commands';
import { context, JANE } from './context';

type Row = [CommandName, string, string, unknown];

describe('parseField accepts and normalises', () => {
  it.each<Row>([
    ['risk', 'p', '4', 4],
    ['risk', 'probability', ' 1 ', 1],
    ['risk', 'i', '5', 5],
    ['risk', 'impact', '3', 3],
    ['risk', 'title', '  Vendor API may slip ', 'Vendor API may slip'],
    ['risk', 'title', '“Vendor API may slip”', 'Vendor API may slip'],
    ['risk', 'due', 'tomorrow', '2026-11-27'],
    ['risk', 'due', '"next friday"', '2026-12-04'],
    ['risk', 'review', '2027-01-15', '2027-01-15'],
    ['risk', 'due', '2026-01-02', '2026-01-02'],
    ['risk', 'due', 'last friday', '2026-11-20'],
    ['risk', 'review', '2 weeks ago', '2026-11-12'],
    ['risk', 'response', 'Transfer', 'transfer'],
    ['risk', 'response', 'mitigate', 'reduce'],
    ['risk', 'owner', 'me', { platformUserId: '29:me' }],
    ['risk', 'owner', '@Me', { platformUserId: '29:me' }],
    ['risk', 'owner', JANE.text, { platformUserId: JANE.id, displayName: 'Jane Doe' }],
    ['risk', 'owner', '@{U123ABC}', { platformUserId: 'U123ABC' }],
    ['risk', 'owner', '@{U123ABC|jane}', { platformUserId: 'U123ABC', displayName: 'jane' }],
    ['risk', 'project', 'apollo', 'APOLLO'],
    ['risk', 'project', 'ap', 'AP'],
    ['risk', 'project', 'Moon_Shot-2026', 'MOON_SHOT-2026'],
    ['risk', 'project', 'A234567890123456', 'A234567890123456'],
    ['issue', 'priority', 'HIGH', 'high'],
    ['issue', 'priority', 'med', 'medium'],
    ['issue', 'type', 'problem', 'problem'],
    ['issue', 'type', 'concern', 'problem'],
    ['issue', 'type', 'rfc', 'request_for_change'],
    ['issue', 'type', 'request-for-change', 'request_for_change'],
    ['issue', 'type', 'Request for change', 'request_for_change'],
    ['issue', 'type', 'off-spec', 'off_specification'],
    ['issue', 'type', 'off_specification', 'off_specification'],
    ['change', 'impact', '+2 weeks, +10k EUR', '+2 weeks, +10k EUR'],
    ['status', 'rag', 'a', 'amber'],
    ['status', 'overall', 'Green', 'green'],
    ['status', 'schedule', 'R', 'red'],
    ['status', 'budget', 'yellow', 'amber'],
    ['status', 'project', 'apollo', 'APOLLO'],
    ['role', 'role', 'pmo-admin', 'pmo_admin'],
    ['role', 'role', 'PM', 'pm'],
    ['role', 'role', 'exec', 'executive'],
    ['role', 'user', '@{U9|bob}', { platformUserId: 'U9', displayName: 'bob' }],
    ['settings', 'timezone', 'Europe/Berlin', 'Europe/Berlin'],
    ['settings', 'tz', 'america/new_york', 'America/New_York'],
    ['settings', 'timezone', 'UTC', 'UTC'],
    ['settings', 'digest', 'Mon 09:30', 'Mon 09:30'],
    ['settings', 'digest', 'monday 9:30', 'Mon 09:30'],
    ['settings', 'reminders', 'TUE at 0:05', 'Tue 00:05'],
    ['settings', 'nudge', 'Thursday 23:59', 'Thu 23:59'],
    ['settings', 'policy', 'Directive', 'directive'],
    ['project_add', 'key', 'apollo', 'APOLLO'],
    ['project_add', 'name', 'Apollo Moon Landing', 'Apollo Moon Landing'],
    ['project_add', 'pm', 'me', { platformUserId: '29:me' }],
    ['program_add', 'portfolio', 'space', 'SPACE'],
    ['show', 'key', 'r-12', 'R-12'],
    ['close', 'key', 'c7', 'C-7'],
    ['update', 'key', 'I-003', 'I-3'],
    ['escalate', 'key', 'R-2', 'R-2'],
    ['list', 'register', 'risks', 'risk'],
    ['export', 'register', 'status', 'status'],
    ['help', 'topic', 'Risk', 'risk'],
    ['link_exec', 'portfolio', 'emea', 'EMEA'],
  ])('%s %s=%j', (command, field, raw, expected) => {
    expect(parseField(command, field, raw, context())).toEqual({ value: expected });
  });
});

describe('me', () => {
  it('is the typist, by their own name when the turn knows it', () => {
    expect(parseField('risk', 'owner', 'me', context({ userName: 'Sam Lee' }))).toEqual({ value: { platformUserId: '29:me', displayName: 'Sam Lee' } });
    expect(parseField('project_add', 'pm', '@me', context({ userName: 'Sam Lee' }))).toEqual({ value: { platformUserId: '29:me', displayName: 'Sam Lee' } });
  });
});

describe('parseField refuses with a message that says what is allowed', () => {
  it.each<[CommandName, string, string, string | RegExp]>([
    ['risk', 'p', '7', 'probability must be a whole number from 1 to 5, got "7"'],
    ['risk', 'p', '0', 'probability must be a whole number from 1 to 5, got "0"'],
    ['risk', 'p', '6', /got "6"/],
    ['risk', 'p', '2.5', /got "2.5"/],
    ['risk', 'p', '3x', /got "3x"/],
    ['risk', 'p', '-1', /got "-1"/],
    ['risk', 'p', '05', /got "05"/],
    ['risk', 'p', '', 'probability must be a whole number from 1 to 5, got nothing'],
    ['risk', 'i', 'high', 'impact must be a whole number from 1 to 5, got "high"'],
    ['risk', 'title', '   ', 'title is empty; write some text or leave it out'],
    ['risk', 'title', 'x'.repeat(201), 'title is too long (201 characters, at most 200)'],
    ['risk', 'due', '2026-02-30', 'due date "2026-02-30" is not a real calendar date'],
    ['risk', 'review', '31 feb', 'review date "31 feb" is not a real calendar date'],
    ['risk', 'review', 'someday', /^review date "someday" is not a date I can read/],
    ['risk', 'response', 'ignore', 'response must be one of avoid, reduce, transfer, accept, share, got "ignore"'],
    ['risk', 'response', 'acept', /\(did you mean "accept"\?\)/],
    ['risk', 'owner', '@jane', /^owner must be an @mention of the person .* or "me", got "@jane"$/],
    ['risk', 'owner', 'Jane Doe', /got "Jane Doe"/],
    ['risk', 'owner', '@{|John Smith}', 'owner: I could not tell who "@John Smith" is; @mention the person again'],
    ['risk', 'owner', '<at>John Smith</at>', /must be an @mention/],
    ['risk', 'owner', '<@U123ABC|jane>', /must be an @mention/],
    ['risk', 'owner', '<#C123|general>', /must be an @mention/],
    ['risk', 'project', '1APOLLO', /^project key must be 2–16 letters, digits, "_" or "-", starting with a letter \(e.g. APOLLO\), got "1APOLLO"$/],
    ['risk', 'project', 'A', /got "A"/],
    ['risk', 'project', 'A2345678901234567', /got "A2345678901234567"/],
    ['risk', 'project', 'APOLLO 11', /got "APOLLO 11"/],
    ['risk', 'project', 'r-12', 'project key "R-12" looks like an item key; choose another key'],
    ['risk', 'status', 'open', 'risk has no field "status"; its fields are title, description, probability, impact, owner, due, project, response, mitigation, review'],
    ['issue', 'priority', 'urgent', 'priority must be one of low, medium, high, critical, got "urgent"'],
    ['issue', 'type', 'bug', /^type must be one of problem, request_for_change, off_specification, got "bug"$/],
    ['status', 'rag', 'blue', 'overall RAG must be one of red, amber, green, got "blue"'],
    ['role', 'role', 'boss', /^role must be one of member, pm, pmo_admin, executive, got "boss"$/],
    ['settings', 'timezone', 'Mars/Olympus', 'timezone must be an IANA zone like Europe/Berlin or America/New_York, got "Mars/Olympus"'],
    ['settings', 'timezone', 'EST', /IANA zone/],
    ['settings', 'timezone', '+02:00', /IANA zone/],
    ['settings', 'digest', 'Mon 9', 'digest must be a weekday and a 24-hour time like "Mon 09:30", got "Mon 9"'],
    ['settings', 'digest', 'Mon 24:00', /got "Mon 24:00"/],
    ['settings', 'digest', 'Mon 09:60', /got "Mon 09:60"/],
    ['settings', 'digest', 'Funday 09:00', /got "Funday 09:00"/],
    ['settings', 'digest', 'Mon 9:30am', /got "Mon 9:30am"/],
    ['settings', 'policy', 'lax', 'policy must be one of supportive, controlling, directive, got "lax"'],
    ['show', 'key', 'X-5', 'item key must look like R-12, I-3, C-1, D-4 or A-2, got "X-5"'],
    ['show', 'key', 'R-0', /got "R-0"/],
    ['escalate', 'key', 'C-3', 'only risks or issues can be used here (R-n, I-n), got "C-3", which is a change request'],
    ['update', 'status', 'open', /depend on the kind of item/],
    ['help', 'topic', 'nothing', /^topic must be one of help, status, risk/],
    ['reminders', 'x', '1', 'reminders takes no fields'],
    ['project_add', 'owner', 'me', 'project add has no field "owner"; its fields are key, title, program, portfolio, pm'],
  ])('%s %s=%j', (command, field, raw, message) => {
    const result = parseField(command, field, raw, context());
    expect(result.value).toBeUndefined();
    if (typeof message === 'string') expect(result.error).toBe(message);
    else expect(result.error).toMatch(message);
  });

  it('says so for a command name that does not exist', () => {
    expect(parseField('nope' as CommandName, 'p', '1', context())).toEqual({ error: 'there is no command "nope"' });
  });
});

describe('parseItemField (what update allows, by item kind)', () => {
  it.each<['risk' | 'issue' | 'change', string, string, unknown]>([
    ['risk', 'status', 'mitigating', 'mitigating'],
    ['risk', 'p', '2', 2],
    ['risk', 'review', 'eom', '2026-11-30'],
    ['issue', 'status', 'in progress', 'in_progress'],
    ['issue', 'status', 'In-Progress', 'in_progress'],
    ['issue', 'resolution', 'patched the server', 'patched the server'],
    ['change', 'decision', 'approve', 'approved'],
    ['change', 'decision', 'Deferred', 'deferred'],
    ['change', 'impact', 'two more weeks', 'two more weeks'],
    ['change', 'impact', '4', '4'], // free text for a change, 1–5 for a risk
    ['risk', 'impact', '4', 4],
  ])('%s %s=%j', (kind, field, raw, expected) => {
    expect(parseItemField(kind, field, raw, context())).toEqual({ value: expected });
  });

  it.each<['risk' | 'issue' | 'change', string, string, string | RegExp]>([
    ['risk', 'status', 'resolved', 'status must be one of open, mitigating, closed, got "resolved"'],
    ['issue', 'status', 'mitigating', 'status must be one of open, in_progress, resolved, closed, got "mitigating"'],
    ['change', 'decision', 'maybe', 'decision must be one of pending, approved, rejected, deferred, got "maybe"'],
    ['change', 'p', '3', /^change has no field "p"; its fields are title, description, impact, owner, due, decision$/],
  ])('%s %s=%j is refused', (kind, field, raw, message) => {
    const result = parseItemField(kind, field, raw, context());
    expect(result.value).toBeUndefined();
    if (typeof message === 'string') expect(result.error).toBe(message);
    else expect(result.error).toMatch(message);
  });
});
