// A ParseContext for tests: a fixed instant, Berlin, Teams; JANE is a mention as the doors hand it over.
import type { ParseContext } from '../../../core/commands';

export const JANE = { text: '@{29:jane-aad|Jane Doe}', id: '29:jane-aad', name: 'Jane Doe' };

/** Thursday 26 Nov 2026, 11:00 in Berlin. */
export const NOW = new Date('2026-11-26T10:00:00Z');

export function context(over: Partial<ParseContext> = {}): ParseContext {
  return { now: NOW, timeZone: 'Europe/Berlin', platform: 'teams', userId: '29:me', ...over };
}
