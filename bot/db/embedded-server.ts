/** A database server this process started and owns (SPEC §6 embedded default). */
export interface EmbeddedServer {
  readonly kind: 'mongod' | 'ferretdb';
  /** Connection string; stays the same across stop/start. */
  readonly uri: string;
  /** One line for the logs: what runs, where, and where its data lives. */
  readonly description: string;
  readonly running: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}
