// Buttons on the job cards: Action.Submit with a job verb, and Action.ShowCard for the due-date picker.
import type { ActionSet, CardAction, CardActionData, CardElement, SubmitAction } from '..';
import type { JobActionData } from './verbs';

/** An Action.Submit carrying a job action. */
export function jobSubmit(title: string, data: JobActionData, options: Omit<SubmitAction, 'type' | 'title' | 'data'> = {}): SubmitAction {
  // TODO(#5): drop the cast once cards/verbs.ts lists JOB_VERBS in CardActionData.
  return { type: 'Action.Submit', title, data: data as unknown as CardActionData, ...options };
}

/** A button that unfolds a small card (Adaptive Cards 1.0, rendered inline by Teams). */
export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: { type: 'AdaptiveCard'; body: CardElement[]; actions?: CardAction[] };
}

export function showCard(title: string, body: CardElement[], actions: CardAction[]): ShowCardAction {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body, actions } };
}

export function actionSet(actions: (SubmitAction | ShowCardAction)[], options: Omit<ActionSet, 'type' | 'actions'> = {}): ActionSet {
  // TODO(#5): cards/adaptive.ts's CardAction knows only Action.Submit; Action.ShowCard passes the checker.
  return { type: 'ActionSet', actions: actions as CardAction[], ...options };
}
