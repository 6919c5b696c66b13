import { PHASE_LABELS } from '../src/core/phaseId';
import type { LiveCall, LivePhase, LivePhaseStatus, LiveRun } from '../src/sidebar/protocol';
import { badge, button } from './components/index';

const STATUS_TEXT: Record<LivePhaseStatus, string> = {
  waiting: 'waiting',
  running: 'running',
  retrying: 'retrying',
  failed: 'failed',
  done: 'done',
  cancelled: 'cancelled',
};
const STATUS_MARK: Record<LivePhaseStatus, string> = {
  waiting: '○',
  running: '●',
  retrying: '↻',
  failed: '✗',
  done: '✓',
  cancelled: '■',
};
const OUTCOME_TEXT: Record<LiveRun['outcome'], string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled: nothing was written',
};

const numbers = new Intl.NumberFormat();

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The live run: one row per phase (status, calls and attempts, tokens in and out, time) and, under a phase
 * that is asking, each call's attempt, the feedback its retry carries and the answer as it streams.
 * `extraMs` is the time since the host sent this state, so a running clock keeps moving between messages.
 */
export function renderLiveRun(run: LiveRun, extraMs: number, actions: { cancel: () => void; showLog: () => void }): HTMLElement {
  const running = run.outcome === 'running';
  const section = element('section', `live-run outcome-${run.outcome}`);
  section.dataset.outcome = run.outcome;
  section.dataset.runId = String(run.id);
  const heading = element('h3', '', running ? 'Run' : 'Last run');
  const head = element(
    'div',
    'row',
    badge(OUTCOME_TEXT[run.outcome]),
    element('span', 'muted', `${run.model} · ${seconds(run.elapsedMs + (running ? extraMs : 0))}`),
  );
  section.append(heading, head);
  if (run.message) section.append(element('div', run.outcome === 'failed' ? 'run-message problem' : 'run-message muted', run.message));
  const list = element('ol', 'live-phases');
  for (const phase of run.phases) list.append(renderPhase(phase, running ? extraMs : 0));
  section.append(list);
  const buttons = element('div', 'actions');
  if (running) buttons.append(button('Cancel', { onClick: actions.cancel, title: 'Stop the run: nothing is written' }));
  buttons.append(button('Show Log', { onClick: actions.showLog }));
  section.append(buttons);
  return section;
}

function renderPhase(phase: LivePhase, extraMs: number): HTMLElement {
  const moving = phase.status === 'running' || phase.status === 'retrying';
  const item = element('li', `live-phase status-${phase.status}`);
  Object.assign(item.dataset, {
    phase: phase.phase,
    status: phase.status,
    calls: String(phase.calls),
    attempts: String(phase.attempts),
    tokensIn: String(phase.inputTokens),
    tokensOut: String(phase.outputTokens),
  });
  const title = element('div', 'phase-title', element('span', 'mark', STATUS_MARK[phase.status]), ` ${PHASE_LABELS[phase.phase]} `, element('span', 'status', STATUS_TEXT[phase.status]));
  item.append(title);
  if (phase.status !== 'waiting' || phase.attempts > 0) {
    item.append(
      element(
        'div',
        'figures muted',
        `${phase.calls} call(s), ${phase.attempts} attempt(s), ${numbers.format(phase.inputTokens)} in / ${numbers.format(phase.outputTokens)} out, ${seconds(phase.elapsedMs + (moving ? extraMs : 0))}`,
      ),
    );
  }
  for (const call of phase.active) item.append(renderCall(call));
  if (phase.last && phase.active.length === 0 && phase.last.answer) {
    const last = element('details', 'last-answer');
    last.dataset.target = phase.last.target;
    last.append(element('summary', 'muted', `Last answer: ${phase.last.target}, attempt ${phase.last.attempt}`), element('pre', 'stream', phase.last.answer));
    item.append(last);
  }
  if (phase.problems.length > 0) {
    const problems = element('ul', 'problems');
    for (const problem of phase.problems) problems.append(element('li', '', problem));
    item.append(problems);
  }
  return item;
}

function renderCall(call: LiveCall): HTMLElement {
  const box = element('div', 'live-call');
  box.dataset.target = call.target;
  box.dataset.attempt = String(call.attempt);
  box.append(element('div', 'call-title', `${call.target}`, element('span', 'muted', ` · attempt ${call.attempt}`)));
  if (call.feedback) {
    const details = element('details', 'feedback');
    details.append(element('summary', '', 'Feedback sent with this retry'), element('pre', '', call.feedback));
    box.append(details);
  }
  const stream = element('pre', 'stream', call.answer || '…');
  stream.dataset.role = 'stream';
  box.append(stream);
  return box;
}
