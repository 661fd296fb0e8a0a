// What a register kind is made of: the one description the parser, forms, cards, exports, lists and jobs read.
import type { IsoDate, ItemKind } from '../domain';
import type { ItemView } from '../view-models';
import type { KindField } from './fields';
import type { KindTypes } from './registry';
import type { Model } from 'mongoose';
import type { RegisterItemBase } from '../../models/register-item';

/** How the kind is named to people: `risk` / `risks` / `Risk`, `change request` / `change requests`. */
export interface KindNouns {
  /** In sentences: `a change request`. */
  singular: string;
  article: 'a' | 'an';
  /** In sentences and list headings: `change requests`. */
  plural: string;
  /** On cards: `Change request`. */
  label: string;
  /** The word `list` and `export` take, also the CSV file's name: `changes`. */
  listWord: string;
  /** The register as a whole, naming an export: `Change log`. */
  register: string;
}

/**
 * What every stored item has, as the descriptor reads it. A descriptor's own functions take its
 * kind's row (RiskRow extends ItemRow) through method parameters, which TypeScript checks bivariantly.
 */
export type ItemRow = Omit<RegisterItemBase, 'workspaceId' | 'requestKey'> & { kind: ItemKind; createdAt: Date };

/** What "overdue" is measured against: today in the workspace's zone and its change policy. */
export interface OverdueContext {
  today: IsoDate;
  zone: string;
  changePendingDays: number;
}

export type Cell = string | number | boolean | null | undefined;
/** Display names by platform user id. */
export type Names = ReadonlyMap<string, string>;
/** One CSV column: its header and how a cell is read from a row (names resolve people, zone dates instants). */
export type Column<T> = [header: string, cell: (row: T, names: Names, zone: string) => Cell];

/** One fact a card tells about an item, raw (each platform escapes and clips it); `name` marks a person's name. */
export interface ViewFact {
  title: string;
  value: string | number | undefined;
  name?: boolean;
}

/** What colours an item's level on a card (Teams) or picks its emoji (Slack). */
export type Tone = 'low' | 'medium' | 'high' | 'critical' | 'pending' | 'approved' | 'rejected' | 'deferred' | 'late' | 'plain';

/** How an item of the kind shows on a card, after what every item shows (project, status, owner, due). */
export interface CardParts {
  /** The level line: `High · score 12`, `Critical priority`, `Approved`. Default: its status, late when overdue. */
  level?(item: ItemView): { text: string; tone: Tone };
  facts(item: ItemView): ViewFact[];
  /** Long texts under their headings, description included where the kind wants it. */
  texts(item: ItemView): [heading: string, text: string | undefined][];
}

/** The kind's words for `help`: its usage line, what it does, examples to copy (each one parses). */
/** The kind's own part of its view model (names resolved, dates as the user reads them). */
export type ViewPart = (item: ItemRow, names: Names, zone: string) => Partial<ItemView>;

export interface KindHelp {
  usage: string;
  description: string;
  examples: string[];
}

/** What a kind stores, as its model's file declares it (`DecisionEntry`). */
export type EntryOf<K extends ItemKind> = KindTypes[K]['entry'];

export interface RegisterDescriptor<K extends ItemKind = ItemKind> {
  kind: K;
  /** Its collection: the model its schema file defines (models/<kind>.model.ts). */
  model: Model<EntryOf<K>>;
  /** The letter of its keys: `R` for R-7. */
  prefix: string;
  nouns: KindNouns;
  statuses: readonly string[];
  /** Statuses in which an item no longer counts as open or overdue. */
  done: readonly string[];
  /** The status `close KEY` sets. */
  closeTo: string;
  /**
   * Its fields in the order the parser lists them (`risk` takes title, description, p/probability…);
   * the common ones (core/registers/fields.ts) included.
   */
  fields: readonly KindField[];
  /** The order the guided form asks and shows them, by name (update-only ones go after the title on Update). */
  form: readonly string[];
  /** Higher first in `list` (then earlier due, then key): a risk's score, an issue's priority. */
  rank(item: ItemRow): number;
  /**
   * Dates besides its due date that make an open item overdue once they are before today (a risk's
   * review date, a pending change's decision deadline). Omitted: only the due date counts.
   */
  lateDates?(item: ItemRow, ctx: OverdueContext): IsoDate[];
  /**
   * Database clauses matching every item lateDates may make overdue (a superset: isOverdue then
   * decides), or'ed with `due < today`. Required with lateDates.
   */
  lateQuery?(ctx: OverdueContext): Record<string, unknown>[];
  /** The stored fields lateDates reads besides status, due and createdAt (readers that project fields, like the digest, add them). Required with lateDates. */
  lateFields?: readonly string[];
  /** The kind's own CSV columns, between Key/Title/Project/Status and Owner/…/Closed. */
  columns: readonly Column<ItemRow>[];
  card: CardParts;
  help: KindHelp;
  /** Its own fields of the view model the cards render. */
  view(item: ItemRow, names: Names, zone: string): Partial<ItemView>;
  /** Stored fields computed from others when an item is logged or updated (a risk's score and rating). */
  derive?(fields: Record<string, unknown>): Record<string, unknown>;
  /**
   * What else an update sets, given the fields it changes (`set`), besides the closedAt every kind
   * keeps: a change's decider, the status of a decision superseded.
   */
  follow?(item: ItemRow, set: Record<string, unknown>, by: { userId: string; now: Date }): Record<string, unknown>;
  /**
   * Why the item a `key`/`keys` field names may not be named there (a decision superseded by one
   * no longer in force), if it may not; the services have already checked it exists here.
   */
  refuseReference?(field: string, named: ItemRow): string | undefined;
  /** The kind `escalate KEY` turns an item of this kind into (risk → issue → change request), if any. */
  escalatesTo?: ItemKind;
  /** False for a kind not logged from a chat message ("Log in PMO register"): a change request goes through its own review, so it is typed. */
  fromMessage?: false;
}

/** A kind's columns over its own row; the registry only hands a descriptor rows of its kind. */
export const ownColumns = <R extends ItemRow>(columns: Column<R>[]): readonly Column<ItemRow>[] => columns as unknown as Column<ItemRow>[];
