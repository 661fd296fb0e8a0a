// The Teams Adaptive Card builders and what they share with their handlers.
export * from './adaptive';
export { confirmationCard } from './confirmation.card';
export { errorCard } from './error.card';
export { formCard } from './form.card';
export { helpCard } from './help.card';
export { itemHeadline } from './item-sections';
export { itemCard } from './item.card';
export { LIST_ROWS_SHOWN, listCard } from './list.card';
export { savedCard } from './saved.card';
export { statusCard } from './status.card';
export * from './verbs';
export type * from '../core/view-models';
export { FORM_FIELD_TYPES } from '../core/view-models';
export { mineCard } from './mine.card';
