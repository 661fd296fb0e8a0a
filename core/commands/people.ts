// Mentions → PersonRef: the doors' `@{id|name}` (core/commands/mentions.ts), `me`, and `@name` in local mode.
import { cleanName } from '../sanitize';
import { readMention } from './mentions';
import { quote } from './suggest';
import type { Check, ParseContext, PersonRef } from './types';
import { fail, ok } from './values';

const LOCAL_NAME = /^@([\w.-]+)$/;

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
    const mention = readMention(s);
    if (mention !== undefined && mention.id !== '') return ok(named(mention.id, mention.name));
    if (mention !== undefined) return fail(`${label}: I could not tell who ${quote(`@${mention.name ?? ''}`)} is; @mention the person again`);
    // Local (emulator) mode has no directory to mention from: `@name` is the user id there.
    const local = ctx.platform === 'local' ? LOCAL_NAME.exec(s) : null;
    if (local !== null) return ok({ platformUserId: local[1] });
    const what = s === '' ? 'got nothing' : `got ${quote(s)}`;
    return fail(`${label} must be an @mention of the person (type @ and pick them from the list) or "me", ${what}`);
  };
}
