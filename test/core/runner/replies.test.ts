// A service names the field it refuses by its stored name; the dialogs re-ask the command's field of that name.
import { commandField } from '../../../core/runner/replies';

describe('commandField', () => {
  it.each([
    ['projectKey', 'project'],
    ['ownerId', 'owner'],
    ['reviewDate', 'review'],
    ['decidedById', 'decidedBy'],
    ['itemKey', 'item'],
    ['overall', 'rag'],
    ['pmId', 'pm'],
  ])('re-asks %s as %s', (stored, field) => {
    expect(commandField(stored)).toBe(field);
  });

  it('keeps a name that is the same in both, and no name at all', () => {
    expect(commandField('items')).toBe('items');
    expect(commandField('supersededBy')).toBe('supersededBy');
    expect(commandField(undefined)).toBeUndefined();
  });
});
