// What the dialogs are given: how to show things, and how to run a command (the real runner by default).
import type { runCommand } from '../core/runner';
import type { Presenter } from './presenter';

export type RunCommand = typeof runCommand;

export interface DialogDeps {
  presenter: Presenter;
  /** Runs a complete command; tests may wrap the real one. */
  run?: RunCommand;
}
