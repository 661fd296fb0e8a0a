// How the services name a stored field in their messages and in an item's history: the words users read.
import { fieldLabel } from '../../../core/services';

describe('fieldLabel', () => {
  it.each([
    ['projectKey', 'project'],
    ['ownerId', 'owner'],
    ['reviewDate', 'review date'],
    ['impactTime', 'impact on time'],
    ['impactCost', 'impact on cost'],
    ['impactScope', 'impact on scope'],
    ['decidedById', 'decided by'],
    ['decidedOn', 'decided on'],
    ['supersededBy', 'superseded by'],
    ['itemKey', 'item'],
  ])('names %s "%s"', (field, words) => {
    expect(fieldLabel(field)).toBe(words);
  });

  it.each(['title', 'due', 'probability', 'impact', 'decision', 'outcome', 'rationale', 'items', 'status', 'resolution'])('names %s by itself', (field) => {
    expect(fieldLabel(field)).toBe(field);
  });
});
