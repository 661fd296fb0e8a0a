// How the descriptors' CSV cells show people and instants.
import { DateTime } from 'luxon';
import type { Names } from './types';

/** An instant as `2026-12-04 09:30` in the workspace's zone; '' for none. */
export const localTime = (at: Date | null | undefined, zone: string): string =>
  at ? DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm') : '';

/** '' and null read as "not set", which the cards leave out. */
export const given = (value: string | null | undefined): string | undefined => (value ? value : undefined);

/** A person's name for a view: the directory's name, else the id; undefined for none. */
export const nameOf = (names: Names, id: string | null | undefined): string | undefined => (id ? (names.get(id) ?? id) : undefined);

/** An instant's calendar date in the workspace's zone. */
export const dateOf = (at: Date | null | undefined, zone: string): string | undefined =>
  at ? (DateTime.fromJSDate(at, { zone }).toISODate() ?? undefined) : undefined;

/** 'in_progress' → 'In progress'. */
export function humanize(value: string): string {
  const text = value.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A platform user id as the person's name (the id when the directory has no name); '' for none. */
export const nameIn = (names: Names, id: string | null | undefined): string => (id ? (names.get(id) ?? id) : '');
