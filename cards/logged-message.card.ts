// The note posted in a message's thread once it was logged in the register: the key, the title, a link back to the message.
import { adaptiveCard, submit, textBlock, type AdaptiveCard, type SubmitAction } from './adaptive';
import { TEXT_LIMITS, inlineText, plainText } from './text';
import { CARD_VERBS } from './verbs';

export interface LoggedMessageView {
  key: string; // R-7
  title: string;
  /** 'risk', 'issue'…: "Logged as risk R-7". */
  noun: string;
  /** Who logged it. */
  by?: string;
  /** The message's permalink (http(s) only). */
  url?: string;
}

/** Opens a web page; only this card has one, so it is not one of the CardActions the other cards share. */
export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export type LoggedMessageCard = Omit<AdaptiveCard, 'actions'> & { actions: (SubmitAction | OpenUrlAction)[] };

const isWebUrl = (url: string | undefined): url is string => {
  if (url === undefined) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};

export function loggedMessageCard(view: LoggedMessageView): LoggedMessageCard {
  const headline = `Logged as ${view.noun} ${view.key}${view.by ? ` by ${view.by}` : ''}`;
  const body = [
    textBlock(inlineText(headline, TEXT_LIMITS.headline), { weight: 'bolder' }),
    textBlock(inlineText(view.title, TEXT_LIMITS.headline), { spacing: 'small' }),
  ];
  const show = submit(plainText(`Show ${view.key}`, TEXT_LIMITS.name), { verb: CARD_VERBS.showItem, key: view.key });
  const open: OpenUrlAction[] = isWebUrl(view.url) ? [{ type: 'Action.OpenUrl', title: 'Open the message', url: view.url }] : [];
  return { ...adaptiveCard(body, [], plainText(`${headline}: ${view.title}`, TEXT_LIMITS.headline)), actions: [show, ...open] };
}
