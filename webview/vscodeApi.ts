import type { SidebarToHost } from '../src/sidebar/protocol';

/** The webview side of the message channel; `acquireVsCodeApi` may be called only once per page. */
interface VsCodeApi {
  postMessage(message: SidebarToHost): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const host: VsCodeApi = acquireVsCodeApi();
