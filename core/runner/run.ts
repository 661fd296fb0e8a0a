// runCommand: a parsed command → service calls → one platform-neutral reply.
import { isCreateItem, type Command } from '../commands';
import { PmoError } from '../services';
import { withDefaults } from './defaults';
import { runExport } from './export.runner';
import { helpView } from './help';
import { runClose, runCreate, runEscalate, runShow, runUpdate } from './items.runner';
import { runDigestNow, runRemindersNow, runScorecardNow } from './jobs.runner';
import { runList } from './list.runner';
import { topicOf } from './missing';
import { pmoErrorReply, text } from './replies';
import {
  runLink, runLinkExec, runPortfolioAdd, runProgramAdd, runProjectAdd, runRole, runSettings,
} from './setup.runner';
import { runShowProject, runStatus } from './status.runner';
import { runVerdict } from './verdict.runner';
import { runAway } from './away.runner';
import { runMine } from './mine.runner';
import type { Reply, RunContext } from './types';

async function dispatch(command: Command, ctx: RunContext): Promise<Reply> {
  // Every register kind's verb logs an item of that kind (core/registers).
  if (isCreateItem(command)) return runCreate(command, ctx);
  switch (command.name) {
    case 'help':
      return { type: 'help', view: helpView(command.topic) };
    case 'status':
      return runStatus(command, ctx);
    case 'list':
      return runList(command, ctx);
    case 'show':
      return 'project' in command ? runShowProject(command, ctx) : runShow(command, ctx);
    case 'update':
      return runUpdate(command, ctx);
    case 'close':
      return runClose(command, ctx);
    case 'escalate':
      return runEscalate(command, ctx);
    case 'project_add':
      return runProjectAdd(command, ctx);
    case 'program_add':
      return runProgramAdd(command, ctx);
    case 'portfolio_add':
      return runPortfolioAdd(command, ctx);
    case 'link':
      return runLink(command, ctx);
    case 'link_exec':
      return runLinkExec(command, ctx);
    case 'role':
      return runRole(command, ctx);
    case 'settings':
      return runSettings(command, ctx);
    case 'export':
      return runExport(command, ctx);
    case 'digest':
      return runDigestNow(command, ctx);
    case 'reminders':
      return runRemindersNow(ctx);
    case 'cancel':
      return text('Nothing to cancel.');
    case 'approve':
    case 'reject':
      return runVerdict(command, ctx);
    case 'scorecard':
      return runScorecardNow(ctx);
    case 'mine':
      return runMine(ctx);
    case 'away':
      return runAway(command, ctx);
  }
}

/**
 * Runs one command (defaults applied) for the actor. A refusal (PmoError) becomes an 'error'
 * reply naming the field at fault; anything else is a bug and is rethrown for the adapter to log.
 */
export async function runCommand(command: Command, ctx: RunContext): Promise<Reply> {
  try {
    return await dispatch(await withDefaults(command, ctx), ctx);
  } catch (err) {
    if (err instanceof PmoError) return pmoErrorReply(err, `Type help ${topicOf(command.name)} for examples.`);
    throw err;
  }
}
