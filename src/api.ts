import type { QueriedElement } from './sidebar/protocol';

/** What `activate()` returns: used by the integration tests and the activation benchmark. */
export interface StrataApi {
  /** Milliseconds `activate()` took, measured inside the extension host. */
  readonly activationMs: number;
  readonly sidebar: {
    /** Resolves once the sidebar's script has run and received its first state. */
    whenReady(): Promise<void>;
    /** A message round trip through the webview; resolves with the text it shows. */
    ping(): Promise<string>;
    /** The `data-*` attributes and text of what the sidebar shows under a CSS selector (the live run view's DOM). */
    query(selector: string): Promise<QueriedElement[]>;
  };
  /** Checks the Prisma schema folder holding this file now and publishes its diagnostics. */
  checkPrismaSchema(fileUri: string): Promise<void>;
}
