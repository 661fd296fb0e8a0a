// The command language of SPEC §3: a pure parser from chat text to commands, for dialogs and adapters.
export { isCommandWord, parseCommand } from './parse';
export { parseField, parseItemField, type FieldResult } from './parse-field';
export { parseDate, todayIn, type DateOptions } from './dates';
export { mentionToken } from './mentions';
export { USAGE } from './usage';
export * from './types';
