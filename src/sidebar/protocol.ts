/**
 * Messages between the extension host and the sidebar webview, typed once and imported by both bundles.
 * Keep this file free of imports from `vscode` and the DOM.
 */
import type { PhaseId } from '../core/phaseId';

/** What the sidebar may ask the host to do; each maps to one `strata.*` command. */
export type SidebarAction = 'newBackend' | 'addFeature' | 'showPhaseDiff' | 'selectModel' | 'diagnoseModel' | 'setApiKey';

export interface SidebarState {
  provider: string;
  /** Where the model server is, as shown to the user. */
  server: string;
  model: string;
  database: string;
  /** `undefined` when no folder is open. */
  workspace?: { name: string; isProject: boolean; phases: PhaseId[]; routes?: RouteAccess[] };
  connection?: { ok: boolean; summary: string };
  /** Calls and tokens per phase of the latest run in this window. */
  lastRun?: { outcome: string; phases: PhaseFigures[] };
}

/** One route of the generated API and who may call it, as the saved Interface artifact says. */
export interface RouteAccess {
  method: string;
  path: string;
  /** "patient (own records), receptionist (all records)", or "<guest> (public)". */
  who: string;
}

export interface PhaseFigures {
  phase: PhaseId;
  ok: boolean;
  calls: number;
  attempts: number;
  tokens: number;
  seconds: number;
}

export type HostToSidebar =
  | { type: 'state'; state: SidebarState }
  | { type: 'ping'; id: number };

export type SidebarToHost =
  | { type: 'ready' }
  | { type: 'run'; action: SidebarAction }
  /** Answers a ping with the text the sidebar shows, so a test can see what was rendered. */
  | { type: 'pong'; id: number; rendered: string };

const ACTIONS: readonly SidebarAction[] = ['newBackend', 'addFeature', 'showPhaseDiff', 'selectModel', 'diagnoseModel', 'setApiKey'];

/** Messages from a webview are untrusted input: accept only the shapes above. */
export function parseSidebarMessage(value: unknown): SidebarToHost | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'run':
      return ACTIONS.includes(message.action as SidebarAction) ? { type: 'run', action: message.action as SidebarAction } : undefined;
    case 'pong':
      return typeof message.id === 'number' && typeof message.rendered === 'string'
        ? { type: 'pong', id: message.id, rendered: message.rendered }
        : undefined;
    default:
      return undefined;
  }
}
