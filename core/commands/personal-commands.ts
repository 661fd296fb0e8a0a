// mine, away and scorecard (issue 14): what needs me, my absence, and the PMO scorecard now.
import { parseDate } from './dates';
import { isWord, leftover, type VerbParser } from './verb';
import { spanText } from './tokenize';
import { USAGE } from './usage';

/** One card of what needs me; it takes nothing. */
export const parseMine: VerbParser = ({ source, tokens }) => ({
  command: { name: 'mine' },
  errors: leftover(source, tokens, 'mine', USAGE.mine),
});

/** Posts the PMO scorecard here now; it takes nothing. */
export const parseScorecard: VerbParser = ({ source, tokens }) => ({
  command: { name: 'scorecard' },
  errors: leftover(source, tokens, 'scorecard', USAGE.scorecard),
});

/** `away until next friday` (the last day away, in the workspace's zone), `away off`, or `away` alone. */
export const parseAway: VerbParser = ({ source, tokens, ctx }) => {
  const [first, ...rest] = tokens;
  if (first === undefined) return { command: { name: 'away' }, errors: [] };
  if (isWord(first, 'off') || isWord(first, 'back')) return { command: { name: 'away', off: true }, errors: leftover(source, rest, 'away off', USAGE.away) };
  const dateTokens = isWord(first, 'until') || isWord(first, 'till') || isWord(first, 'through') ? rest : tokens;
  const raw = spanText(source, dateTokens);
  if (raw === '') return { command: { name: 'away' }, errors: [{ field: 'until', message: `away until needs a date, e.g. away until next friday; use: ${USAGE.away}` }] };
  const date = parseDate(raw, ctx, { label: 'away until' });
  if (date.error !== undefined) return { command: { name: 'away' }, errors: [{ field: 'until', message: date.error }] };
  return { command: { name: 'away', until: date.value }, errors: [] };
};
