import { homeTab } from '../../cards/blocks';
import { homeViewFor } from '../../core/runner';
import type { WorkspaceDoc } from '../../models';
import type { SlackApi } from './api';
import type { SlackDirectory } from './directory';

/** app_home_opened → views.publish of the person's own Home tab. */
export async function publishHome(
  opened: { workspace: WorkspaceDoc; api: SlackApi },
  userId: string,
  deps: { directory: SlackDirectory; now: Date },
): Promise<void> {
  const person = await deps.directory.person(opened.api, opened.workspace.externalId, userId);
  const view = await homeViewFor(opened.workspace, { id: userId, displayName: person.displayName }, deps.now);
  await opened.api.call('views.publish', { user_id: userId, view: homeTab(view) });
}
