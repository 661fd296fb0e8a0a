// The App Home tab's content for one person: their open items by kind, and the projects they run or work on.
import type { WorkspaceDoc } from '../../models';
import { ITEM_KINDS } from '../domain';
import type { HomeProject, HomeView } from '../home-view';
import { displayNames, latestStatus, listItems, listProjects } from '../services';
import { mineViewFor } from './mine.runner';
import { toItemView } from './views';

const ITEMS_SHOWN = 8;
const PROJECTS_SHOWN = 30;

export async function homeViewFor(
  workspace: Pick<WorkspaceDoc, '_id' | 'timeZone'> & Partial<WorkspaceDoc>,
  person: { id: string; displayName: string },
  now: Date,
): Promise<HomeView> {
  const items: HomeView['items'] = [];
  const projectKeys = new Set<string>();
  for (const kind of ITEM_KINDS) {
    const { items: found, total } = await listItems(workspace._id, { kind, mine: person.id, limit: ITEMS_SHOWN }, now);
    const names = await displayNames(workspace._id, found.flatMap((i) => [i.ownerId, i.raisedById]).filter((id): id is string => !!id));
    found.forEach((i) => projectKeys.add(i.projectKey));
    items.push({ kind, total, items: found.map((i) => toItemView(i, names, i.overdue, workspace.timeZone)) });
  }
  const managed = await listProjects(workspace._id, { pmId: person.id });
  const managedKeys = new Set(managed.map((p) => p.key));
  const others = (await listProjects(workspace._id)).filter((p) => projectKeys.has(p.key) && !managedKeys.has(p.key));
  const projects: HomeProject[] = [];
  for (const project of [...managed, ...others].slice(0, PROJECTS_SHOWN)) {
    const status = await latestStatus(workspace._id, project.key);
    projects.push({
      key: project.key,
      name: project.name,
      managed: managedKeys.has(project.key),
      ...(status ? { rag: status.overall, period: status.period } : {}),
    });
  }
  // The full workspace (policy, for who decides changes) is what the Slack door hands over.
  const mine = 'policy' in workspace && workspace.policy ? await mineViewFor(workspace as WorkspaceDoc, { userId: person.id, displayName: person.displayName }, now) : undefined;
  return { displayName: person.displayName, items, projects, ...(mine ? { mine } : {}) };
}
