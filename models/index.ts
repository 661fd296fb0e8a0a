import { ActionModel } from './action.model';
import { BotStateModel } from './bot-state.model';
import { ChangeRequestModel } from './change-request.model';
import { ClaimModel } from './claim.model';
import { DecisionModel } from './decision.model';
import { ConversationRefModel } from './conversation-ref.model';
import { InboundRequestModel } from './inbound-request.model';
import { IssueModel } from './issue.model';
import { ItemHistoryModel } from './item-history.model';
import { JobRecordModel } from './job-record.model';
import { PersonModel } from './person.model';
import { PortfolioModel } from './portfolio.model';
import { ProgramModel } from './program.model';
import { ProjectModel } from './project.model';
import { RiskModel } from './risk.model';
import { SlackInstallationModel } from './slack-installation.model';
import { StatusUpdateModel } from './status-update.model';
import { WorkspaceModel } from './workspace.model';

export * from './common';
export * from './workspace.model';
export * from './portfolio.model';
export * from './program.model';
export * from './project.model';
export * from './person.model';
export * from './status-update.model';
export * from './register-item';
export * from './risk.model';
export * from './issue.model';
export * from './change-request.model';
export * from './decision.model';
export * from './action.model';
export * from './item-history.model';
export * from './conversation-ref.model';
export * from './job-record.model';
export * from './legacy-job-run.model';
export * from './claim.model';
export * from './bot-state.model';
export * from './inbound-request.model';
export * from './slack-installation.model';

/** What ensureIndexes needs of a model, whatever its document type. */
interface IndexedModel {
  modelName: string;
  syncIndexes(): Promise<unknown>;
}

export const ALL_MODELS: readonly IndexedModel[] = [
  WorkspaceModel,
  PortfolioModel,
  ProgramModel,
  ProjectModel,
  PersonModel,
  StatusUpdateModel,
  RiskModel,
  IssueModel,
  ChangeRequestModel,
  DecisionModel,
  ActionModel,
  ItemHistoryModel,
  ConversationRefModel,
  JobRecordModel,
  ClaimModel,
  BotStateModel,
  InboundRequestModel,
  SlackInstallationModel,
];

/**
 * Creates every collection and brings its indexes in line with the schemas (dropping ones no
 * longer declared). Run once at start-up and by the test harness; one model at a time because
 * FerretDB's SQLite backend serialises schema changes anyway.
 */
export async function ensureIndexes(): Promise<void> {
  for (const model of ALL_MODELS) {
    await model.syncIndexes();
  }
}
