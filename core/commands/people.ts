// Mentions → PersonRef: Slack `<@U123|jane>`, Teams `<at>Jane Doe</at>` (through the activity's entities), `me`.
import { cleanName } from '../sanitize';
import { quote } from './suggest';
import type { Check, ParseContext, PersonRef } from './types';
import { fail, ok } from './values';

const SLACK_USER = /^<@([A-Z0-9]+)(?:\|([^>]*))?>$/i;
const TEAMS_AT = /^<at>([\s\S]*)<\/at>$/i;
const LOCAL_NAME = /^@([\w.-]+)$/;

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function teamsMention(raw: string, ctx: ParseContext): PersonRef | undefined {
  const mentions = ctx.mentions ?? [];
  const exact = mentions.find((m) => m.text === raw);
  if (exact !== undefined) return named(exact.id, exact.name);
  // Clients differ in spacing and case inside <at>; fall back to comparing the visible names.
  const inner = squash(TEAMS_AT.exec(raw)?.[1] ?? '');
  // Entities are the client's JSON: a text or name that is not a string matches nothing.
  const loose = mentions.find((m) => squash(textOf(m.text).replace(/<\/?at>/gi, '')) === inner || squash(textOf(m.name)) === inner);
  return loose === undefined ? undefined : named(loose.id, loose.name);
}

/** A mentioned person; the name is the platform's, so it is cleaned like any display name. */
function named(platformUserId: string, name: string | undefined): PersonRef {
  const displayName = cleanName(name);
  return displayName ? { platformUserId, displayName } : { platformUserId };
}

/** What a person is called where no name is known anywhere (directory, mention, actor): never a raw id. */
export const UNNAMED_PERSON = 'someone (name not known yet)';

/** A person as people read them: their display name, else UNNAMED_PERSON. */
export function personName(ref: PersonRef): string {
  return ref.displayName || UNNAMED_PERSON;
}

/** Resolves who a value names; anything that is not a real mention (a plain `@jane`) is refused. */
export function person(label: string): (raw: string, ctx: ParseContext) => Check<PersonRef> {
  return (raw, ctx) => {
    const s = raw.trim();
    if (/^@?me$/i.test(s)) return ok(named(ctx.userId, ctx.userName));
    const slack = SLACK_USER.exec(s);
    if (slack !== null) return ok(named(slack[1], slack[2]));
    if (TEAMS_AT.test(s)) {
      const found = teamsMention(s, ctx);
      if (found !== undefined) return ok(found);
      return fail(`${label}: I could not tell who ${quote(s)} is; @mention the person again`);
    }
    // Local (emulator) mode has no directory to mention from: `@name` is the user id there.
    const local = ctx.platform === 'local' ? LOCAL_NAME.exec(s) : null;
    if (local !== null) return ok({ platformUserId: local[1] });
    const what = s === '' ? 'got nothing' : `got ${quote(s)}`;
    return fail(`${label} must be an @mention of the person (type @ and pick them from the list) or "me", ${what}`);
  };
}
