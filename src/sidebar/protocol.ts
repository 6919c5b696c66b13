/**
 * Messages between the extension host and the sidebar webview, typed once and imported by both bundles.
 * Keep this file free of imports from `vscode` and the DOM.
 */
import type { PhaseId } from '../core/phaseId';

/** What the sidebar may ask the host to do; each maps to one `strata.*` command. */
export type SidebarAction = 'newBackend' | 'addFeature' | 'showPhaseDiff' | 'selectModel' | 'diagnoseModel' | 'setApiKey' | 'cancelGeneration' | 'showLog';

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

/** A phase's state in the live run view: what the run's events say, never a guess. */
export type LivePhaseStatus = 'waiting' | 'running' | 'retrying' | 'failed' | 'done' | 'cancelled';

/** One model call (typed call) in progress: its target, attempt, the feedback its retry carries, and the answer so far. */
export interface LiveCall {
  target: string;
  attempt: number;
  /** The feedback sent with this attempt (a retry), shortened. */
  feedback?: string;
  /** The end of what the model has sent so far: streamed text, or the tool call's arguments once they arrive. */
  answer: string;
}

export interface LivePhase {
  phase: PhaseId;
  status: LivePhaseStatus;
  /** Typed calls finished (and running). */
  calls: number;
  /** Requests sent to the model (first attempts and retries). */
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  /** Time spent in the phase so far, every pass of it included. */
  elapsedMs: number;
  active: LiveCall[];
  /** The call that finished last, with the end of its answer. */
  last?: LiveCall;
  /** Why the phase failed or was sent back, as the pipeline said. */
  problems: string[];
}

export type LiveRunOutcome = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** The run going on in this window (or the last one): one row per phase. */
export interface LiveRun {
  id: number;
  outcome: LiveRunOutcome;
  command: string;
  model: string;
  elapsedMs: number;
  phases: LivePhase[];
  /** The latest thing said about the run as a whole (writing files, a network retry, going back). */
  message?: string;
}

export type HostToSidebar =
  | { type: 'state'; state: SidebarState }
  | { type: 'live'; run: LiveRun | undefined }
  | { type: 'ping'; id: number }
  /** Asks what the page shows under a CSS selector (tests check the DOM through it). */
  | { type: 'query'; id: number; selector: string };

/** An element as `query` reports it: its `data-*` attributes and its text. */
export interface QueriedElement {
  data: Record<string, string>;
  text: string;
}

export type SidebarToHost =
  | { type: 'ready' }
  | { type: 'run'; action: SidebarAction }
  /** Answers a ping with the text the sidebar shows, so a test can see what was rendered. */
  | { type: 'pong'; id: number; rendered: string }
  | { type: 'queried'; id: number; elements: QueriedElement[] };

const ACTIONS: readonly SidebarAction[] = ['newBackend', 'addFeature', 'showPhaseDiff', 'selectModel', 'diagnoseModel', 'setApiKey', 'cancelGeneration', 'showLog'];

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
    case 'queried':
      return typeof message.id === 'number' && Array.isArray(message.elements) && message.elements.every(isQueriedElement)
        ? { type: 'queried', id: message.id, elements: message.elements as QueriedElement[] }
        : undefined;
    default:
      return undefined;
  }
}

function isQueriedElement(value: unknown): value is QueriedElement {
  if (typeof value !== 'object' || value === null) return false;
  const element = value as Record<string, unknown>;
  return (
    typeof element.text === 'string' &&
    typeof element.data === 'object' &&
    element.data !== null &&
    Object.values(element.data).every((entry) => typeof entry === 'string')
  );
}
