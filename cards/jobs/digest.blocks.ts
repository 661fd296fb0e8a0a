// The portfolio digest and its continuation pages in Block Kit: the same content as the Teams card.
import { TEXT_LIMITS } from '../text';
import { humanize } from '../style';
import type { DigestActivity, DigestProjectLine, DigestProjectsView, DigestView, RagCounts } from '../../core/job-views';
import { MISSING_LISTED, RAG_KEYS, RAG_NAME, TREND_LABEL, ageLabel, dateLabel, deltaLabel, flagsLabel, kindsLabel, plural, rangeLabel, weekLabel } from './format';
import { capBlocks, context, divider, fields, header, mrkdwnText, sections, type Block } from './slack-kit';

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
  return `${DOT[line.rag ?? 'none']} *${mrkdwnText(line.key, TEXT_LIMITS.name)}* ${mrkdwnText(line.name, TEXT_LIMITS.rowTitle)} — ${details.join(' · ')}${listed}`;
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

export function digestBlocks(view: DigestView): Block[] {
  const { now, lastWeek } = view.rag;
  const more = view.totalProjects - view.projects.length;
  const blocks: Block[] = [
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
    divider(),
    ...sections(view.projects.map(projectLine), more > 0 ? `*Projects: ${view.projects.length} of ${view.totalProjects}, most in need of attention first*` : '*Projects, most in need of attention first*'),
  ];
  if (more > 0) blocks.push(context(view.restFollows ? `The other ${more} follow below.` : `…and ${more} more — type \`${mrkdwnText(view.moreCommand, TEXT_LIMITS.short)}\` to see all.`));
  if (view.topRisks.length > 0) {
    blocks.push(divider(), ...sections(view.topRisks.map((r) => {
      const details = [`${humanize(r.rating)} · ${mrkdwnText(r.project, TEXT_LIMITS.name)}`, ...(r.ownerName ? [mrkdwnText(r.ownerName, TEXT_LIMITS.name)] : []), ...(r.due ? [`due ${r.due}`] : []), ...(r.overdue ? ['⚠ overdue'] : [])];
      return `\`${r.score}\` *${mrkdwnText(r.key, TEXT_LIMITS.name)}* ${mrkdwnText(r.title, TEXT_LIMITS.rowTitle)} — ${details.join(' · ')}`;
    }), '*Top risks*'));
  }
  blocks.push(divider(), ...sections([...activity('Opened', view.opened), ...activity('Closed', view.closed)], `*${weekLabel(view.period)} in the registers*`));
  if (view.missingTotal > 0) {
    const names = view.missingUpdates.map((m) => `*${mrkdwnText(m.key, TEXT_LIMITS.name)}*${m.pmName ? ` (${mrkdwnText(m.pmName, TEXT_LIMITS.name)})` : ''}`);
    const rest = view.missingTotal - view.missingUpdates.length;
    blocks.push(...sections([names.join(', ') + (rest > 0 ? `, …and ${rest} more` : '')], `*No status update for ${weekLabel(view.period).toLowerCase()}: ${view.missingTotal}*`));
  }
  return capBlocks(blocks, (left) => `${left} more sections left out — type \`${view.moreCommand}\` to see all.`);
}

export function digestProjectsBlocks(view: DigestProjectsView): Block[] {
  const last = view.firstRank + view.projects.length - 1;
  return capBlocks([
    header(`${title(view)} · projects ${view.firstRank}–${last} of ${view.totalProjects}`),
    context(`${weekLabel(view.period)} · page ${view.page} of ${view.pages}`),
    ...sections(view.projects.map(projectLine)),
  ], (left) => `${left} more sections left out.`);
}
