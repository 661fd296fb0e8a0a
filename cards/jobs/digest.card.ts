// The weekly portfolio digest for executives: RAG roll-up with last week's change, key numbers,
// projects most in need of attention, top risks, the week's register activity, missing updates.
import type { AdaptiveCard, CardElement, ColumnSet } from '../adaptive';
import { adaptiveCard, column, textBlock } from '../adaptive';
import { LEVEL_COLOR, humanize } from '../style';
import { CARD_BYTE_BUDGET, TEXT_LIMITS, inlineText, jsonBytes, plainText } from '../text';
import type { DigestActivity, DigestProjectsView, DigestView, HeatCounts } from '../../core/job-views';
import { heatAltText, heatMapDataUri, heatTotal } from './heat-map';
import { dateLabel, kindsLabel, plural, rangeLabel, weekLabel } from './format';
import { DETAIL_LEVELS, compactLines, projectLine, type Detail } from './digest-lines.card';
import { ragRollUp } from './rag-visual';
import { riseLabel } from '../slip';
import { heading, keyNumber } from './card-parts';

function keyNumbers(view: DigestView): ColumnSet {
  return {
    type: 'ColumnSet',
    spacing: 'medium',
    columns: [
      keyNumber('open high/critical risks', view.totals.openHighRisks, true),
      keyNumber('overdue items', view.totals.overdueItems, true),
      keyNumber('missing updates', view.missingTotal, true),
      keyNumber('items opened / closed', `${view.opened.total} / ${view.closed.total}`, false),
    ],
  };
}

function topRisks(view: DigestView, detail: Detail): CardElement[] {
  if (view.topRisks.length === 0) return [];
  return [
    heading('Top risks'),
    ...view.topRisks.map((risk): ColumnSet => ({
      type: 'ColumnSet',
      spacing: 'small',
      columns: [
        column([textBlock(String(risk.score), { weight: 'bolder', color: LEVEL_COLOR[risk.rating], size: 'medium' })], 'auto'),
        column([
          textBlock(`**${inlineText(risk.key, TEXT_LIMITS.name)}**${detail.text > 0 ? ` ${inlineText(risk.title, detail.text)}` : ''}`, { maxLines: 2 }),
          textBlock([
            `${humanize(risk.rating)} · ${inlineText(risk.project, TEXT_LIMITS.name)}`,
            ...(risk.ownerName && detail.name > 0 ? [inlineText(risk.ownerName, detail.name)] : []),
            ...(risk.due ? [`due ${risk.due}`] : []),
            ...(risk.overdue ? ['⚠ overdue'] : []),
          ].join(' · '), { size: 'small', isSubtle: !risk.overdue, color: risk.overdue ? 'attention' : 'default', spacing: 'none' }),
        ], 'stretch'),
      ],
    })),
  ];
}

function rises(view: DigestView, detail: Detail): CardElement[] {
  const lines = view.risksRose ?? [];
  if (lines.length === 0) return [];
  const more = (view.risksRoseTotal ?? lines.length) - lines.length;
  return [
    heading(`Risks that rose this week: ${view.risksRoseTotal ?? lines.length}`),
    ...lines.map((r) => textBlock(
      `**${inlineText(r.key, TEXT_LIMITS.name)}**${detail.text > 0 ? ` ${inlineText(r.title, detail.text)}` : ''} (${inlineText(r.project, TEXT_LIMITS.name)}) — ${riseLabel(r, humanize)}`,
      { spacing: 'small', color: LEVEL_COLOR[r.rating] === 'attention' ? 'attention' : 'default' },
    )),
    ...(more > 0 ? [textBlock(`…and ${more} more`, { isSubtle: true, spacing: 'small' })] : []),
  ];
}

/** The 5×5 heat map: by its signed URL when there is one, else inside the card as a data URI. */
function heatMap(view: DigestView, heatMapUrl?: (counts: HeatCounts) => string | undefined): CardElement[] {
  if (!view.heatMap || heatTotal(view.heatMap) === 0) return [];
  return [
    heading(`Open risks: probability × impact (${heatTotal(view.heatMap)})`),
    // Adaptive Cards 1.2+ Image; cards/adaptive.ts has no Image type yet (as in rag-visual.ts).
    { type: 'Image', url: heatMapUrl?.(view.heatMap) ?? heatMapDataUri(view.heatMap), altText: heatAltText(view.heatMap), size: 'auto', spacing: 'small' } as unknown as CardElement,
  ];
}

function activityLines(label: string, activity: DigestActivity, detail: Detail): CardElement[] {
  if (activity.total === 0) return [textBlock(`${label}: none`, { size: 'small', isSubtle: true, spacing: 'small' })];
  const summary = textBlock(`**${label} ${activity.total}** — ${kindsLabel(activity.byKind)}`, { spacing: 'small' });
  if (detail.text === 0) return [summary];
  const more = activity.total - activity.items.length;
  const items = activity.items.map((i) => `**${inlineText(i.key, TEXT_LIMITS.name)}** ${inlineText(i.title, detail.text)} (${inlineText(i.project, TEXT_LIMITS.name)})`);
  return [summary, textBlock(items.join('\n\n') + (more > 0 ? `\n\n…and ${more} more` : ''), { size: 'small', spacing: 'none' })];
}

function missing(view: DigestView, detail: Detail): CardElement[] {
  if (view.missingTotal === 0) return [];
  const shown = view.missingUpdates.slice(0, detail.text > 0 ? view.missingUpdates.length : 10);
  const names = shown.map((m) => `**${inlineText(m.key, TEXT_LIMITS.name)}**${m.pmName && detail.name > 0 ? ` (${inlineText(m.pmName, detail.name)})` : ''}`);
  const more = view.missingTotal - shown.length;
  return [
    heading(`No status update for ${weekLabel(view.period).toLowerCase()}: ${view.missingTotal}`),
    textBlock(names.join(', ') + (more > 0 ? `, …and ${more} more` : ''), { color: 'warning', spacing: 'small' }),
  ];
}

function header(title: string, subtitle: string): CardElement[] {
  return [
    textBlock(title, { size: 'large', weight: 'bolder', style: 'heading' }),
    textBlock(subtitle, { isSubtle: true, spacing: 'none' }),
  ];
}

function digestTitle(view: { portfolioKey: string; portfolioName: string }, detail: Detail): string {
  const name = detail.text > 0 ? ` — ${inlineText(view.portfolioName, detail.text)}` : '';
  return `${inlineText(view.portfolioKey, TEXT_LIMITS.name)}${name}`;
}

/** The plain-text line of a digest: notifications, screen readers, and the card's fallback. */
export function digestSummary(view: DigestView): string {
  const { red, amber, green, none } = view.rag.now;
  return plainText(`${view.portfolioKey} digest, ${weekLabel(view.period)}: ${red} red, ${amber} amber, ${green} green, ${none} without update; ${plural(view.totals.overdueItems, 'overdue item')}`, TEXT_LIMITS.headline);
}

function projectsSection(view: DigestView, lines: readonly ColumnSet[]): CardElement[] {
  const shown = lines.length;
  const more = view.totalProjects - shown;
  const title = shown < view.totalProjects ? `Projects: ${shown} of ${view.totalProjects}, most in need of attention first` : 'Projects, most in need of attention first';
  const section: CardElement[] = [heading(title), ...lines];
  if (view.totalProjects === 0) section.push(textBlock('No active projects in this portfolio.', { isSubtle: true }));
  if (more > 0) {
    const hint = view.restFollows ? `The other ${more} follow below.` : `…and ${more} more — type **${inlineText(view.moreCommand, TEXT_LIMITS.short)}** to see all.`;
    section.push(textBlock(hint, { isSubtle: true, spacing: 'small' }));
  }
  return section;
}

function buildDigest(view: DigestView, detail: Detail, lineCount: number, heatMapUrl?: (counts: HeatCounts) => string | undefined): AdaptiveCard {
  const subtitle = `${weekLabel(view.period)} · ${rangeLabel(view.periodStart, view.periodEnd)} · ${plural(view.totalProjects, 'project')} · as of ${dateLabel(view.asOf)} (${inlineText(view.zone, TEXT_LIMITS.name)})`;
  return adaptiveCard([
    ...header(`Portfolio digest · ${digestTitle(view, detail)}`, subtitle),
    ...ragRollUp(view.rag.now, view.rag.lastWeek, { now: weekLabel(view.period), before: 'Week before' }),
    keyNumbers(view),
    ...projectsSection(view, view.projects.slice(0, lineCount).map((line) => projectLine(line, detail))),
    ...topRisks(view, detail),
    ...rises(view, detail),
    ...heatMap(view, heatMapUrl),
    heading(`${weekLabel(view.period)} in the registers`),
    ...activityLines('Opened', view.opened, detail),
    ...activityLines('Closed', view.closed, detail),
    ...missing(view, detail),
  ], [], digestSummary(view));
}

/**
 * The digest at the most detail that fits Teams' limit. Lines are only dropped (and counted in
 * "and N more") if even keys alone do not fit, which the planner's line counts never reach.
 */
export function digestCard(view: DigestView, heatMapUrl?: (counts: HeatCounts) => string | undefined): AdaptiveCard {
  for (const detail of DETAIL_LEVELS) {
    const card = buildDigest(view, detail, view.projects.length, heatMapUrl);
    if (jsonBytes(card) <= CARD_BYTE_BUDGET) return card;
  }
  const least = DETAIL_LEVELS[DETAIL_LEVELS.length - 1];
  let lines = view.projects.length;
  let card = buildDigest(view, least, lines, heatMapUrl);
  while (lines > 0 && jsonBytes(card) > CARD_BYTE_BUDGET) card = buildDigest(view, least, --lines, heatMapUrl);
  return card;
}

/** A continuation page of a full digest: more project lines, in the same order. */
export function digestProjectsCard(view: DigestProjectsView): AdaptiveCard {
  const last = view.firstRank + view.projects.length - 1;
  const title = `${digestTitle(view, DETAIL_LEVELS[1])} · projects ${view.firstRank}–${last} of ${view.totalProjects}`;
  const body: CardElement[] = [
    ...header(title, `${weekLabel(view.period)} · page ${view.page} of ${view.pages}`),
    ...compactLines(view.projects, CARD_BYTE_BUDGET - 2_000),
  ];
  return adaptiveCard(body, [], plainText(`${view.portfolioKey} projects ${view.firstRank}–${last} of ${view.totalProjects}`, TEXT_LIMITS.headline));
}
