// A project's date slip in words, the same on the status card, in Slack and in the digest.
import { plural } from './jobs/format';

/** `12 days`, `3 weeks`, `2 weeks 3 days`: days up to a fortnight, weeks beyond. */
function span(days: number): string {
  if (days < 14) return plural(days, 'day');
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  return rest === 0 ? plural(weeks, 'week') : `${plural(weeks, 'week')} ${plural(rest, 'day')}`;
}

/** `slipped 2 weeks`, `3 days ahead`, `on baseline`; slip = forecast − baseline in days. */
export function slipLabel(days: number): string {
  if (days === 0) return 'on baseline';
  return days > 0 ? `slipped ${span(days)}` : `${span(-days)} ahead`;
}

/** `Forecast 18 Dec 2026 · baseline 4 Dec 2026 · slipped 2 weeks`, or '' without a forecast. */
export function finishLine(view: { forecastFinish?: string; baselineFinish?: string; slipDays?: number }, date: (iso: string) => string): string {
  if (!view.forecastFinish) return '';
  const parts = [`Forecast finish ${date(view.forecastFinish)}`];
  if (view.baselineFinish && view.baselineFinish !== view.forecastFinish) parts.push(`baseline ${date(view.baselineFinish)}`);
  if (view.slipDays !== undefined) parts.push(slipLabel(view.slipDays));
  return parts.join(' · ');
}

/** An amber or red digest line's why and slip: `Vendor missed the API drop · slipped 2 weeks` ('' for neither). */
export function whyLabel(line: { reason?: string; slipDays?: number }, reason: (text: string) => string): string {
  return [...(line.reason ? [reason(line.reason)] : []), ...(line.slipDays !== undefined && line.slipDays !== 0 ? [slipLabel(line.slipDays)] : [])].join(' · ');
}

/** `9 → 16 · Medium → High` (the rating only when it changed). */
export function riseLabel(rise: { from: number; to: number; fromRating: string; rating: string }, rating: (r: string) => string): string {
  return `${rise.from} → ${rise.to}${rise.fromRating === rise.rating ? '' : ` · ${rating(rise.fromRating)} → ${rating(rise.rating)}`}`;
}
