/** Printed by tests/http.ts (its accounts come from the API); the helpers templates use. */
export interface Reply {
  status: number;
  body: any;
}
export interface CallOptions {
  token?: string;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
}
export declare function useServer(): void;
export declare function call(method: string, path: string, options?: CallOptions): Promise<Reply>;
export declare function expectStatus(reply: Reply, ...statuses: number[]): void;
