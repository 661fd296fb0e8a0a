// Parses a card with the Adaptive Cards SDK and lists everything Teams could trip over.
import type * as AC from 'adaptivecards';
import { CARD_SCHEMA, CARD_VERSION } from '../../cards/adaptive';
import { isCardActionData, isCardVerb } from '../../cards/verbs';

// The package's lib/ build uses extensionless ESM imports that Node cannot load; its UMD bundle can.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdaptiveCards: typeof AC = require('adaptivecards/dist/adaptivecards.js');

/** Teams refuses cards over about 28 KB; measured in UTF-8 bytes, decimal kilobytes, to leave headroom. */
export const MAX_CARD_BYTES = 28_000;

/** Keys the SDK reads by hand rather than through its property schema. */
const STRUCTURAL_KEYS: Record<string, readonly string[]> = {
  AdaptiveCard: ['body', 'actions'],
  Container: ['items'],
  Column: ['items'],
  ColumnSet: ['columns'],
  ActionSet: ['actions'],
  'Action.ShowCard': ['card'],
};
const ANY_ELEMENT_KEYS = ['fallback'];
const TARGET = new AdaptiveCards.Version(1, 5);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function newerThanTarget(version: AC.Version | undefined): boolean {
  return version !== undefined && version.compareTo(TARGET) > 0;
}

/** Properties the SDK does not know, or that need a newer schema than 1.5, recursing into facts/choices. */
function schemaProblems(object: AC.SerializableObject, source: Json, where: string, extra: readonly string[]): string[] {
  const schema = object.getSchema();
  const properties = new Map<string, AC.PropertyDefinition>();
  for (let i = 0; i < schema.getCount(); i++) properties.set(schema.getItemAt(i).name, schema.getItemAt(i));
  const problems: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    const property = properties.get(key);
    if (!property) {
      if (!extra.includes(key)) problems.push(`${where}: unknown property "${key}"`);
      continue;
    }
    if (newerThanTarget(property.targetVersion)) problems.push(`${where}: "${key}" needs schema ${property.targetVersion}`);
    if (property instanceof AdaptiveCards.SerializableObjectCollectionProperty && Array.isArray(value)) {
      value.forEach((entry, i) => {
        if (isObject(entry)) problems.push(...schemaProblems(new property.objectType(), entry, `${where}.${key}[${i}]`, []));
      });
    } else if (property instanceof AdaptiveCards.SerializableObjectProperty && isObject(value)) {
      problems.push(...schemaProblems(new property.objectType(), value, `${where}.${key}`, []));
    }
  }
  return problems;
}

function submitActions(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((child) => submitActions(child, found));
  else if (isObject(node)) {
    if (node.type === 'Action.Submit') found.push(node);
    Object.values(node).forEach((child) => submitActions(child, found));
  }
  return found;
}

/** Every verb carried by the card's Action.Submit buttons (including row selectActions). */
export function verbsOf(card: unknown): unknown[] {
  return submitActions(card).map((action) => (isObject(action.data) ? action.data.verb : undefined));
}

function verbProblems(card: unknown): string[] {
  return submitActions(card).flatMap((action) => {
    const data = action.data;
    if (!isObject(data) || !isCardVerb(data.verb)) return [`Action.Submit "${String(action.title)}": data.verb is not one of CARD_VERBS`];
    if (!isCardActionData(data)) return [`Action.Submit "${String(action.title)}": data does not match its verb ${data.verb}`];
    return [];
  });
}

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** All problems found: SDK parse and validation events, unknown or too-new properties, version, size, verbs. */
export function checkCard(card: unknown): string[] {
  if (!isObject(card)) return ['card is not an object'];
  const problems: string[] = [];
  const context = new AdaptiveCards.SerializationContext();
  const check = (object: AC.CardObject, source: unknown): void => {
    if (!isObject(source)) return;
    const type = object.getJsonTypeName();
    const registry = object instanceof AdaptiveCards.Action ? context.actionRegistry : context.elementRegistry;
    const registration = registry.findByName(type) as AC.ITypeRegistration<AC.SerializableObject> | undefined;
    if (newerThanTarget(registration?.schemaVersion)) problems.push(`${type} needs schema ${registration?.schemaVersion}`);
    problems.push(...schemaProblems(object, source, type, [...(STRUCTURAL_KEYS[type] ?? []), ...ANY_ELEMENT_KEYS]));
    // The schema requires these; the SDK accepts them empty, Teams shows a blank gap.
    if (type === 'TextBlock' && (typeof source.text !== 'string' || source.text.trim() === '')) problems.push('TextBlock: empty text');
    if (type === 'FactSet' && (!Array.isArray(source.facts) || source.facts.length === 0)) problems.push('FactSet: no facts');
  };
  context.onParseElement = check;
  context.onParseAction = check;

  const parsed = new AdaptiveCards.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  problems.push(...schemaProblems(parsed, card, 'AdaptiveCard', STRUCTURAL_KEYS.AdaptiveCard));
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);

  if (card.version !== CARD_VERSION) problems.push(`version is ${String(card.version)}, not ${CARD_VERSION}`);
  if (card.$schema !== CARD_SCHEMA) problems.push('$schema is not set');
  const bytes = cardBytes(card);
  if (bytes > MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, over ${MAX_CARD_BYTES}`);
  problems.push(...verbProblems(card));
  return problems;
}
