// What a register kind is made of: the one description the parser, forms, cards, exports, lists and jobs read.
import type { ItemKind } from '../domain';

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
}

export interface RegisterDescriptor<K extends ItemKind = ItemKind> {
  kind: K;
  /** The letter of its keys: `R` for R-7. */
  prefix: string;
  nouns: KindNouns;
  statuses: readonly string[];
  /** Statuses in which an item no longer counts as open or overdue. */
  done: readonly string[];
  /** The status `close KEY` sets. */
  closeTo: string;
  /** Stored fields a new item cannot do without, besides its title and project. */
  required: readonly string[];
  /** The kind `escalate KEY` turns an item of this kind into (risk → issue → change request), if any. */
  escalatesTo?: ItemKind;
}
