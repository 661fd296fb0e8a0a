// Slack Block Kit builders: pure functions of the same view models as the Teams Adaptive Cards.
export { actionData, isListPageData, LIST_PAGE_VERB, type ButtonData, type ListPageData } from './buttons';
export { checkLimits, checkMessage, checkModal, type SurfaceExtras } from './check-limits';
export { confirmationMessage } from './confirmation.blocks';
export { errorMessage } from './error.blocks';
export { FORM_CALLBACK_ID, formMessage, formModal, formSubmitData } from './form.blocks';
export { formValuesFromState } from './form-state';
export { helpMessage } from './help.blocks';
export { HOME_CALLBACK_ID, homeTab, type HomeTab } from './home.blocks';
export { itemMessage, savedMessage } from './item.blocks';
export { LIST_PAGE_SIZE, LIST_PAGE_SIZE_MAX, LIST_REACHABLE, listMessage, type ListMessageOptions } from './list.blocks';
export { statusMessage } from './status.blocks';
export { escapeMrkdwn } from './text';
export * from './types';
export { mineBlocks, mineMessage } from './mine.blocks';
