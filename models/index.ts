import mongoose from 'mongoose';
import { BotStateModel } from './bot-state.model';
import { ChangeRequestModel } from './change-request.model';
import { ClaimModel } from './claim.model';
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

/**
 * The collections every start-up builds. A register kind's model is not listed: its descriptor
 * (core/registers/<kind>.register.ts) imports it, and ensureIndexes builds every model defined.
 */
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
  ItemHistoryModel,
  ConversationRefModel,
  JobRecordModel,
  ClaimModel,
  BotStateModel,
  InboundRequestModel,
  SlackInstallationModel,
];

/** ALL_MODELS, then every other model defined so far on the connection (the register kinds' ones). */
export function definedModels(): IndexedModel[] {
  return [...new Set<IndexedModel>([...ALL_MODELS, ...Object.values(mongoose.models)])];
}

/**
 * Creates every collection and brings its indexes in line with the schemas (dropping ones no
 * longer declared). Run once at start-up and by the test harness, after core/ is loaded (so every
 * kind's model is defined); one model at a time because FerretDB's SQLite backend serialises
 * schema changes anyway.
 */
export async function ensureIndexes(): Promise<void> {
  for (const model of definedModels()) {
    await model.syncIndexes();
  }
}
