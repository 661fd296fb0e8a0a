import { CARD_VERBS, isCardActionData, type CardActionData } from '../../../cards';
import {
  LIST_PAGE_VERB, actionData, confirmationMessage, formMessage, itemMessage, listMessage, type ListPageData,
} from '../../../cards/blocks';
import { confirmation, list, risk, riskForm } from '../fixtures';
import { buttons } from './block-query';

const EVERY_VERB: (CardActionData | ListPageData)[] = [
  { verb: CARD_VERBS.submitForm, command: 'risk' },
  { verb: CARD_VERBS.confirmSave, command: 'risk' },
  { verb: CARD_VERBS.editField, command: 'risk', field: 'due' },
  { verb: CARD_VERBS.cancel, command: 'risk' },
  { verb: CARD_VERBS.cancel },
  { verb: CARD_VERBS.showItem, key: 'R-7' },
  { verb: LIST_PAGE_VERB, kind: 'issue', page: 3, pageSize: 20, command: 'list issues mine' },
];

describe('actionData', () => {
  it.each(EVERY_VERB)('round-trips %j', (data) => {
    expect(actionData({ action_id: `${data.verb}:7`, value: JSON.stringify(data) })).toEqual(data);
  });

  it('reads back every button the builders make, as the Teams card data', () => {
    const all = [
      ...buttons(itemMessage(risk({ escalatedTo: 'I-9' })).blocks),
      ...buttons(listMessage(list(60), { page: 2 }).blocks),
      ...buttons(confirmationMessage(confirmation()).blocks),
      ...buttons(formMessage(riskForm(), 'q').blocks),
    ];
    const verbs = new Set<string>();
    for (const button of all) {
      const data = actionData({ action_id: String(button.action_id), value: String(button.value) });
      expect(data).toEqual(JSON.parse(String(button.value)));
      if (data?.verb !== LIST_PAGE_VERB) expect(isCardActionData(data)).toBe(true);
      verbs.add(String(data?.verb));
    }
    const { submitForm, confirmSave, editField, cancel, showItem } = CARD_VERBS;
    expect([...verbs].sort()).toEqual([submitForm, confirmSave, editField, cancel, showItem, LIST_PAGE_VERB].sort());
  });

  it.each([
    ['no value', { action_id: 'pmo.cancel:0' }],
    ['not JSON', { action_id: 'pmo.cancel:0', value: 'pmo.cancel' }],
    ['JSON but not an object', { action_id: 'pmo.cancel:0', value: '"pmo.cancel"' }],
    ['null', { action_id: 'pmo.cancel:0', value: 'null' }],
    ['a foreign verb', { action_id: 'other.verb:0', value: '{"verb":"other.verb"}' }],
    ['a verb with missing data', { action_id: 'pmo.confirm.edit:0', value: '{"verb":"pmo.confirm.edit","command":"risk"}' }],
    ['an empty key', { action_id: 'pmo.item.show:0', value: '{"verb":"pmo.item.show","key":""}' }],
    ['a bad page', { action_id: 'pmo.list.page:0', value: '{"verb":"pmo.list.page","kind":"risk","page":0,"pageSize":20}' }],
    ['a bad kind', { action_id: 'pmo.list.page:0', value: '{"verb":"pmo.list.page","kind":"task","page":1,"pageSize":20}' }],
    ['an action id of another verb', { action_id: 'pmo.confirm.save:0', value: '{"verb":"pmo.cancel"}' }],
    ['an action id without the index', { action_id: 'pmo.cancel', value: '{"verb":"pmo.cancel"}' }],
    ['someone else\'s action id', { action_id: 'approve_button', value: '{"verb":"pmo.cancel"}' }],
    ['a value over 2,000 characters', { action_id: 'pmo.item.show:0', value: JSON.stringify({ verb: 'pmo.item.show', key: 'x'.repeat(2000) }) }],
  ])('rejects %s', (_name, action) => {
    expect(actionData(action)).toBeUndefined();
  });
});
