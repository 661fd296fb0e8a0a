import { ITEM_KEY_PATTERN } from '../../../core/registers';
import fc from 'fast-check';
import { COMMAND_NAMES, parseCommand, parseField, type ParseContext, type PersonRef } from '../../../core/commands';
import { RISK_RESPONSES } from '../../../core/domain';
import { JANE } from './context';

const RUNS = 2000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata', 'UTC', 'Pacific/Chatham', 'America/St_Johns'];

/** Any instant 2020–2035 in any of the zones, on any platform. */
const contextArb: fc.Arbitrary<ParseContext> = fc.record({
  now: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true }),
  timeZone: fc.constantFrom(...ZONES),
  platform: fc.constantFrom('teams' as const, 'slack' as const, 'local' as const),
  userId: fc.constant('29:me'),
});

/** Today in the zone by Intl, independently of the parser's luxon arithmetic. */
function todayOf(ctx: ParseContext): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ctx.now);
}
function plusDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
function isRealDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === iso;
}

const WORDS = [
  'help', 'status', 'risk', 'issue', 'change', 'list', 'show', 'update', 'close', 'escalate', 'project', 'program',
  'portfolio', 'link', 'role', 'settings', 'digest', 'reminders', 'export', 'cancel', 'add', 'exec', 'mine', 'overdue',
  'risks', 'R-1', 'i-22', 'c7', 'APOLLO', 'me', '@jane', JANE.text, '@{', '}', '@{U1|x y}', '@{|x}', '<at>', '</at>', '<@U1|x y>', '=', '"', '“', '”',
  '‘', '’', "'", '„', 'next friday', 'eom', '2026-02-30', '\u00a0', '\n', '\u200b', '7', '2.5', 'pm', 'red',
];
const KEYS = ['p', 'i', 'probability', 'impact', 'owner', 'due', 'project', 'priority', 'type', 'response', 'mitigation', 'review',
  'description', 'title', 'status', 'decision', 'resolution', 'timezone', 'digest', 'policy', 'rag', 'name', 'pm', 'nope'];
const soupArb = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...KEYS).map((k) => `${k}=`), fc.string({ maxLength: 6 })),
      fc.constantFrom(' ', '', ' ', '=', '"', '  '),
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.map(([word, sep]) => word + sep).join(''));

function wellFormed(text: string, ctx: ParseContext): void {
  const result = parseCommand(text, ctx);
  expect(Array.isArray(result.errors)).toBe(true);
  for (const error of result.errors) {
    expect(typeof error.field).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
  }
  if (result.command === null) {
    expect(result.errors.length).toBeGreaterThan(0);
    expect(['command', 'key']).toContain(result.errors[0].field);
  }
}

describe('parseCommand never throws and always answers in shape', () => {
  it.each<[string, fc.Arbitrary<string>]>([
    ['any string', fc.string({ maxLength: 80 })],
    ['any Unicode (astral planes, lone surrogates)', fc.string({ unit: 'binary', maxLength: 60 })],
    ['any grapheme', fc.string({ unit: 'grapheme', maxLength: 30 })],
    ['command words, keys, quotes and mentions', soupArb],
    ['a command word then anything', fc.tuple(fc.constantFrom(...WORDS.slice(0, 20)), soupArb).map(([verb, rest]) => `${verb} ${rest}`)],
  ])('%s', (_name, textArb) => {
    fc.assert(fc.property(textArb, contextArb, (text, ctx) => wellFormed(text, ctx)), { numRuns: RUNS });
  });

  it('parseField never throws either', () => {
    const fieldArb = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.constantFrom(...COMMAND_NAMES), fieldArb, fc.string({ maxLength: 40 }), contextArb, (command, field, raw, ctx) => {
        const result = parseField(command, field, raw, ctx);
        expect(result.error === undefined ? 'value' in result : typeof result.error === 'string').toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('probability and impact outside 1..5 are never accepted', () => {
  const outOfRange = fc.oneof(
    fc.integer().filter((n) => n < 1 || n > 5).map(String),
    fc.double({ noNaN: true }).filter((x) => !(Number.isInteger(x) && x >= 1 && x <= 5)).map(String),
    fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 99 })).map(([whole, part]) => `${whole}.${part}`),
    fc.integer({ min: 1, max: 5 }).map((n) => `${n}x`),
    fc.constantFrom('', '0', '6', '2.5', '3x', '-3', '٣', '３', 'NaN', 'Infinity'),
  );
  it.each([
    ['probability', ['p', 'probability', 'P']],
    ['impact', ['i', 'impact', 'I']],
  ] as const)('%s', (field, keys) => {
    fc.assert(
      fc.property(outOfRange, fc.constantFrom(...keys), fc.boolean(), contextArb, (value, key, quoted, ctx) => {
        const other = field === 'probability' ? 'i=3' : 'p=3';
        const result = parseCommand(`risk Vendor may slip ${key}=${quoted ? `"${value}"` : value} ${other}`, ctx);
        expect(result.command).toMatchObject({ name: 'risk', title: 'Vendor may slip' });
        expect(result.command).not.toHaveProperty(field);
        expect(result.command).toHaveProperty(field === 'probability' ? 'impact' : 'probability', 3);
        expect(result.errors.map((e) => e.field)).toContain(field);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('every accepted due date is a real calendar date, at most 20 years ahead in the zone (past ones included)', () => {
  const month = fc.constantFrom('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'February', 'December');
  const dueArb = fc.oneof(
    fc.tuple(fc.integer({ min: 1990, max: 2110 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
      ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    ),
    fc.tuple(fc.constantFrom('in ', ''), fc.integer({ min: -3, max: 400 }), fc.constantFrom(' days', ' weeks', ' months', ' years', ' days ago')).map((p) => p.join('')),
    fc.tuple(month, fc.integer({ min: 0, max: 32 }), fc.option(fc.integer({ min: 2019, max: 2040 }))).map(([m, d, y]) => `${m} ${d}${y === null ? '' : ` ${y}`}`),
    fc.tuple(fc.integer({ min: 0, max: 32 }), fc.constantFrom('/', '.', '-'), fc.integer({ min: 0, max: 32 })).map((p) => p.join('')),
    fc.constantFrom('today', 'tomorrow', 'yesterday', 'eom', 'eow', 'eoy', 'next friday', 'last monday', 'friday', 'sun', 'next week', 'next month', 'end of next month', '31 feb', 'noon', 'friday banana'),
    fc.string({ maxLength: 12 }),
  );

  it('through parseCommand and parseField alike', () => {
    let accepted = 0;
    fc.assert(
      fc.property(dueArb, contextArb, (typed, ctx) => {
        const viaCommand = parseCommand(`risk x due="${typed}"`, ctx).command as { due?: string } | null;
        const viaField = parseField('risk', 'due', typed, ctx).value as string | undefined;
        for (const due of [viaCommand?.due, viaField]) {
          if (due === undefined) continue;
          accepted += 1;
          expect(isRealDate(due)).toBe(true);
          expect(Number(due.slice(0, 4))).toBeLessThanOrEqual(Number(todayOf(ctx).slice(0, 4)) + 20);
        }
      }),
      { numRuns: RUNS },
    );
    // Not vacuous: more than the 1,090 of the 4,000 answers that were dates when past ones were refused (sd ~40 over seeds). A floor of 1,000 failed
    // for ~3% of fast-check's random seeds (seed 20 gives 992); 500 is ~15 sd below, never missed by chance.
    expect(accepted).toBeGreaterThan(RUNS / 4);
  });
});

describe('generated valid risk commands round-trip', () => {
  const word = fc.stringMatching(/^[A-Za-z][a-z]{0,7}$/);
  const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
  const quoteArb = fc.constantFrom(['"', '"'], ['“', '”'], ['‘', '’'], ["'", "'"]);
  const spacing = fc.constantFrom(' ', '  ', '\u00a0', ' \n');
  const personArb = fc.oneof(
    fc.constant<[string, PersonRef]>(['me', { platformUserId: '29:me' }]),
    fc.stringMatching(/^U[A-Z0-9]{2,10}$/).map<[string, PersonRef]>((id) => [`@{${id}}`, { platformUserId: id }]),
    fc.constant<[string, PersonRef]>([JANE.text, { platformUserId: JANE.id, displayName: JANE.name }]),
  );
  const projectArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{1,15}$/).filter((k) => !ITEM_KEY_PATTERN.test(k));
  /** [what to type, days after today] */
  const dateArb = fc.oneof(
    fc.integer({ min: 0, max: 3650 }).map((n) => ({ typed: (today: string) => plusDays(today, n), days: n })),
    fc.constant({ typed: () => 'today', days: 0 }),
    fc.constant({ typed: () => 'tomorrow', days: 1 }),
    fc.integer({ min: 0, max: 400 }).map((n) => ({ typed: () => `in ${n} days`, days: n })),
  );

  it('the fields generated are the fields parsed', () => {
    fc.assert(
      fc.property(
        contextArb,
        fc.record(
          {
            probability: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom('p', 'probability', 'P')),
            impact: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom('i', 'impact', 'Impact')),
            owner: personArb,
            due: dateArb,
            review: dateArb,
            project: projectArb,
            response: fc.constantFrom(...RISK_RESPONSES).map((r) => (r.length % 2 === 0 ? r.toUpperCase() : r)),
            mitigation: words,
            description: words,
          },
          { requiredKeys: [] },
        ),
        words,
        fc.array(fc.tuple(quoteArb, fc.boolean()), { minLength: 12, maxLength: 12 }),
        spacing,
        fc.func(fc.integer()),
        (ctx, fields, title, quoting, space, order) => {
          const today = todayOf(ctx);
          const expected: Record<string, unknown> = { name: 'risk', title };
          const pairs: string[] = [];
          const put = (key: string, raw: string, index: number) => {
            const [[open, close], quoted] = quoting[index];
            pairs.push(`${key}=${quoted ? `${open}${raw}${close}` : raw}`); // unquoted words run on to the next key
          };
          if (fields.probability) put(fields.probability[1], String(fields.probability[0]), 0);
          if (fields.probability) expected.probability = fields.probability[0];
          if (fields.impact) put(fields.impact[1], String(fields.impact[0]), 1);
          if (fields.impact) expected.impact = fields.impact[0];
          if (fields.owner) pairs.push(`owner=${fields.owner[0]}`);
          if (fields.owner) expected.owner = fields.owner[1];
          for (const [name, date, index] of [['due', fields.due, 2], ['review', fields.review, 3]] as const) {
            if (date === undefined) continue;
            put(name, date.typed(today), index);
            expected[name] = plusDays(today, date.days);
          }
          if (fields.project) put('project', fields.project, 4);
          if (fields.project) expected.project = fields.project.toUpperCase();
          if (fields.response) put('response', fields.response, 5);
          if (fields.response) expected.response = fields.response.toLowerCase();
          if (fields.mitigation) put('mitigation', fields.mitigation, 6);
          if (fields.mitigation) expected.mitigation = fields.mitigation;
          if (fields.description) put('description', fields.description, 7);
          if (fields.description) expected.description = fields.description;
          pairs.sort((a, b) => order(a) - order(b));
          const [[open, close], quoteTitle] = quoting[8];
          const shownTitle = quoteTitle ? `${open}${title}${close}` : title;
          const text = ['risk', shownTitle, ...pairs].join(space);
          expect(parseCommand(text, ctx)).toEqual({ command: expected, errors: [] });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
