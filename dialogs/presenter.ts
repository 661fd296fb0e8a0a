// How the dialogs' answers look on a platform: the Teams one renders Adaptive Cards, Slack's Block Kit.
import type { Activity } from 'botbuilder';
import type { ConfirmationView, FormView } from '../core/view-models';
import type { Reply } from '../core/runner/types';

export interface Presenter {
  /** A command's answer (saved item, list, error…). */
  reply(reply: Reply): Partial<Activity>;
  /** A guided form; `prompt` is the one question asked now, for a typed answer. */
  form(view: FormView, prompt: string): Partial<Activity>;
  /** "Save this risk?" with what will be stored. */
  confirmation(view: ConfirmationView): Partial<Activity>;
  text(text: string): Partial<Activity>;
}
