// What the Slack App Home tab shows a person: plain data core/runner composes and cards/blocks renders.
import type { ItemView } from './view-models';
import type { ItemKind, Rag } from './domain';
import type { MineView } from './mine-view';

export interface HomeProject {
  key: string;
  name: string;
  /** The latest status update's overall RAG and week, if the project has one. */
  rag?: Rag;
  period?: string;
  /** The person is its PM. */
  managed: boolean;
}

export interface HomeView {
  displayName: string;
  /** Per kind: the first of the person's open items and how many they have in all. */
  items: { kind: ItemKind; items: ItemView[]; total: number }[];
  projects: HomeProject[];
  /** What needs the person (the `mine` card's content, issue 14), shown first. */
  mine?: MineView;
}
