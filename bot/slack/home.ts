import { ITEM_KINDS } from '../../core/domain';
import { toItemView } from '../../core/runner';
import { displayNames, latestStatus, listItems, listProjects } from '../../core/services';
import type { WorkspaceDoc } from '../../models';
import type { SlackApi } from './api';
import type { SlackDirectory } from './directory';
import { homeTab, type HomeProject, type HomeView } from './home.view';

const ITEMS_SHOWN = 8;
const PROJECTS_SHOWN = 30;

/** What the Home tab shows a person: their open items by kind, and the projects they run or work on. */
export async function homeViewFor(workspace: WorkspaceDoc, userId: string, displayName: string, now: Date): Promise<HomeView> {
  const items: HomeView['items'] = [];
  const projectKeys = new Set<string>();
  for (const kind of ITEM_KINDS) {
    const { items: found, total } = await listItems(workspace._id, { kind, mine: userId, limit: ITEMS_SHOWN }, now);
    const names = await displayNames(workspace._id, found.flatMap((i) => [i.ownerId, i.raisedById]).filter((id): id is string => !!id));
    found.forEach((i) => projectKeys.add(i.projectKey));
    items.push({ kind, total, items: found.map((i) => toItemView(i, names, i.overdue, workspace.timeZone)) });
  }
  const managed = await listProjects(workspace._id, { pmId: userId });
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
  return { displayName, items, projects };
}

/** app_home_opened → views.publish of the person's own Home tab. */
export async function publishHome(
  opened: { workspace: WorkspaceDoc; api: SlackApi },
  userId: string,
  deps: { directory: SlackDirectory; now: Date },
): Promise<void> {
  const person = await deps.directory.person(opened.api, opened.workspace.externalId, userId);
  const view = await homeViewFor(opened.workspace, userId, person.displayName, deps.now);
  await opened.api.call('views.publish', { user_id: userId, view: homeTab(view) });
}
