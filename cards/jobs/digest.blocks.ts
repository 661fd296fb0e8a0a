// The portfolio digest and its continuation pages in Block Kit: the same content as the Teams card.
import { TEXT_LIMITS } from '../text';
import { humanize } from '../style';
import type { DigestActivity, DigestProjectLine, DigestProjectsView, DigestView, HeatCounts, RagCounts } from '../../core/job-views';
import { heatAltText, heatTotal } from './heat-map';
import { MISSING_LISTED, RAG_KEYS, RAG_NAME, TREND_LABEL, ageLabel, dateLabel, deltaLabel, flagsLabel, kindsLabel, plural, rangeLabel, weekLabel } from './format';
import { capBlocks, context, divider, fields, header, mrkdwnText, sections, type Block } from './slack-kit';
import { riseLabel, whyLabel } from '../slip';

/** A reason on a digest line: a line or two, the rest in the status card. */
const REASON_CHARS = 160;

const SQUARE: Record<keyof RagCounts, string> = { red: '🟥', amber: '🟧', green: '🟩', none: '⬜' };
const DOT: Record<keyof RagCounts, string> = { red: '🔴', amber: '🟠', green: '🟢', none: '⚪' };
const BAR_WIDTH = 20;

/** 20 squares split by RAG (a non-zero count always gets at least one). */
function bar(counts: RagCounts): string {
  const total = RAG_KEYS.reduce((sum, rag) => sum + counts[rag], 0);
  if (total === 0) return '_no projects_';
  return RAG_KEYS.map((rag) => SQUARE[rag].repeat(counts[rag] > 0 ? Math.max(1, Math.round((counts[rag] / total) * BAR_WIDTH)) : 0)).join('');
}

function projectLine(line: DigestProjectLine): string {
  const details = [
    ...(line.pmName ? [mrkdwnText(line.pmName, TEXT_LIMITS.name)] : []),
    line.rag ? `${RAG_NAME[line.rag]}${line.trend ? ` ${TREND_LABEL[line.trend]}` : ''}` : RAG_NAME.none,
    line.missingUpdate ? '_no update this week_' : ageLabel(line.lastUpdateDays),
    flagsLabel(line.openHighRisks, line.overdueItems),
  ].filter(Boolean);
  const listed = line.missingUpdateListed ? `\n      *${MISSING_LISTED}*` : '';
  const why = whyLabel(line, (reason) => mrkdwnText(reason, REASON_CHARS));
  return `${DOT[line.rag ?? 'none']} *${mrkdwnText(line.key, TEXT_LIMITS.name)}* ${mrkdwnText(line.name, TEXT_LIMITS.rowTitle)} — ${details.join(' · ')}${why ? `\n      _Why:_ ${why}` : ''}${listed}`;
}

/** Risks that rose since the period began: `• R-3 Vendor slip (APOLLO) — 9 → 16 · Medium → High`. */
export function risesSection(view: DigestView): Block[] {
  const rises = view.risksRose ?? [];
  if (rises.length === 0) return [];
  const more = (view.risksRoseTotal ?? rises.length) - rises.length;
  const lines = rises.map((r) => `📈 *${mrkdwnText(r.key, TEXT_LIMITS.name)}* ${mrkdwnText(r.title, TEXT_LIMITS.rowTitle)} (${mrkdwnText(r.project, TEXT_LIMITS.name)}) — ${riseLabel(r, humanize)}`);
  return [divider(), ...sections([...lines, ...(more > 0 ? [`…and ${more} more`] : [])], `*Risks that rose this week: ${view.risksRoseTotal ?? rises.length}*`)];
}

function activity(label: string, a: DigestActivity): string[] {
  if (a.total === 0) return [`*${label}:* none`];
  const more = a.total - a.items.length;
  return [
    `*${label} ${a.total}* — ${kindsLabel(a.byKind)}`,
    ...a.items.map((i) => `• *${mrkdwnText(i.key, TEXT_LIMITS.name)}* ${mrkdwnText(i.title, TEXT_LIMITS.rowTitle)} (${mrkdwnText(i.project, TEXT_LIMITS.name)})`),
    ...(more > 0 ? [`…and ${more} more`] : []),
  ];
}

const title = (v: { portfolioKey: string; portfolioName: string }) => `${v.portfolioKey} — ${v.portfolioName}`;

/** The roll-up: title, the RAG bars against the week before, the key numbers. */
function rollUp(view: DigestView): Block[] {
  const { now, lastWeek } = view.rag;
  return [
    header(`Portfolio digest · ${title(view)}`),
    context(`${weekLabel(view.period)} · ${rangeLabel(view.periodStart, view.periodEnd)} · ${plural(view.totalProjects, 'project')} · as of ${dateLabel(view.asOf)} (${mrkdwnText(view.zone, TEXT_LIMITS.name)})`),
    ...sections([`*${weekLabel(view.period)}*   ${bar(now)}`, `*Week before*   ${bar(lastWeek)}`]),
    fields(RAG_KEYS.map((rag) => `*${RAG_NAME[rag]}*\n${now[rag]}  (${deltaLabel(now[rag], lastWeek[rag])} vs last week)`)),
    fields([
      `*Open high/critical risks*\n${view.totals.openHighRisks}`,
      `*Overdue items*\n${view.totals.overdueItems}`,
      `*Missing updates*\n${view.missingTotal}`,
      `*Items opened / closed*\n${view.opened.total} / ${view.closed.total}`,
    ]),
  ];
}

/** Slack's parent message: the roll-up and which projects need attention, in a few lines; the rest is in its thread. */
export function digestBriefBlocks(view: DigestView): Block[] {
  const attention = view.projects.filter((l) => l.rag === 'red' || l.rag === 'amber').map((l) => `${DOT[l.rag ?? 'none']} *${mrkdwnText(l.key, TEXT_LIMITS.name)}*`);
  const rose = view.risksRoseTotal ?? 0;
  const note = [
    ...(attention.length > 0 ? [`Needs attention: ${attention.slice(0, 10).join(' ')}${attention.length > 10 ? ` …and ${attention.length - 10} more` : ''}`] : []),
    ...(rose > 0 ? [`📈 ${plural(rose, 'risk')} rose this week`] : []),
  ];
  return capBlocks([
    ...rollUp(view),
    ...(note.length > 0 ? sections([note.join('\n')]) : []),
    context('🧵 Project lines with reasons and slips, risks and the week’s activity are in the thread.'),
  ], (left) => `${left} more sections left out.`);
}

/** Slack's thread reply: the details under the brief parent. */
export function digestThreadBlocks(view: DigestView, heatMapUrl?: (counts: HeatCounts) => string | undefined): Block[] {
  return capBlocks(details(view, heatMapUrl), (left) => `${left} more sections left out — type \`${view.moreCommand}\` to see all.`);
}

export function digestBlocks(view: DigestView, heatMapUrl?: (counts: HeatCounts) => string | undefined): Block[] {
  return capBlocks([...rollUp(view), divider(), ...details(view, heatMapUrl)], (left) => `${left} more sections left out — type \`${view.moreCommand}\` to see all.`);
}

/** Project lines (with reasons and slips), top risks, risks that rose, the week's activity, missing updates. */
/** The heat map as an image block: Slack takes only a public URL, so without one there is none. */
function heatMapBlock(view: DigestView, heatMapUrl?: (counts: HeatCounts) => string | undefined): Block[] {
  if (!view.heatMap || heatTotal(view.heatMap) === 0) return [];
  const url = heatMapUrl?.(view.heatMap);
  if (!url) return [];
  return [{ type: 'image', image_url: url, alt_text: heatAltText(view.heatMap), title: { type: 'plain_text', text: `Open risks: probability × impact (${heatTotal(view.heatMap)})` } }];
}

function details(view: DigestView, heatMapUrl?: (counts: HeatCounts) => string | undefined): Block[] {
  const more = view.totalProjects - view.projects.length;
  const blocks: Block[] = [
    ...sections(view.projects.map(projectLine), more > 0 ? `*Projects: ${view.projects.length} of ${view.totalProjects}, most in need of attention first*` : '*Projects, most in need of attention first*'),
  ];
  if (more > 0) blocks.push(context(view.restFollows ? `The other ${more} follow below.` : `…and ${more} more — type \`${mrkdwnText(view.moreCommand, TEXT_LIMITS.short)}\` to see all.`));
  if (view.topRisks.length > 0) {
    blocks.push(divider(), ...sections(view.topRisks.map((r) => {
      const details = [`${humanize(r.rating)} · ${mrkdwnText(r.project, TEXT_LIMITS.name)}`, ...(r.ownerName ? [mrkdwnText(r.ownerName, TEXT_LIMITS.name)] : []), ...(r.due ? [`due ${r.due}`] : []), ...(r.overdue ? ['⚠ overdue'] : [])];
      return `\`${r.score}\` *${mrkdwnText(r.key, TEXT_LIMITS.name)}* ${mrkdwnText(r.title, TEXT_LIMITS.rowTitle)} — ${details.join(' · ')}`;
    }), '*Top risks*'));
  }
  blocks.push(...risesSection(view), ...heatMapBlock(view, heatMapUrl));
  blocks.push(divider(), ...sections([...activity('Opened', view.opened), ...activity('Closed', view.closed)], `*${weekLabel(view.period)} in the registers*`));
  if (view.missingTotal > 0) {
    const names = view.missingUpdates.map((m) => `*${mrkdwnText(m.key, TEXT_LIMITS.name)}*${m.pmName ? ` (${mrkdwnText(m.pmName, TEXT_LIMITS.name)})` : ''}`);
    const rest = view.missingTotal - view.missingUpdates.length;
    blocks.push(...sections([names.join(', ') + (rest > 0 ? `, …and ${rest} more` : '')], `*No status update for ${weekLabel(view.period).toLowerCase()}: ${view.missingTotal}*`));
  }
  return blocks;
}

export function digestProjectsBlocks(view: DigestProjectsView): Block[] {
  const last = view.firstRank + view.projects.length - 1;
  return capBlocks([
    header(`${title(view)} · projects ${view.firstRank}–${last} of ${view.totalProjects}`),
    context(`${weekLabel(view.period)} · page ${view.page} of ${view.pages}`),
    ...sections(view.projects.map(projectLine)),
  ], (left) => `${left} more sections left out.`);
}
