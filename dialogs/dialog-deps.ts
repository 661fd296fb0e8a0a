// What the dialogs are given: how to show things, and how to run a command (the real runner by default).
import type { JobCommands, runCommand } from '../core/runner';
import type { Presenter } from './presenter';

export type RunCommand = typeof runCommand;

export interface DialogDeps {
  presenter: Presenter;
  /** Runs a complete command; tests may wrap the real one. */
  run?: RunCommand;
  /** The job runtime, for `digest` and `reminders` now (jobs/runtime scheduler.commands). */
  jobs?: JobCommands;
}
