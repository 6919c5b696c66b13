import { PHASE_IDS, PHASE_LABELS } from '../src/core/phaseId';
import type { HostToSidebar, LiveRun, PhaseFigures, QueriedElement, RouteAccess, SidebarAction, SidebarState } from '../src/sidebar/protocol';
import { badge, button, divider, progressRing, registerComponents, tag } from './components/index';
import { renderLiveRun } from './liveRun';
import { host } from './vscodeApi';

registerComponents();
const root = document.getElementById('root')!;
root.replaceChildren(progressRing());

const run = (action: SidebarAction) => () => host.postMessage({ type: 'run', action });

function section(title: string, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement('section');
  const heading = document.createElement('h3');
  heading.textContent = title;
  element.append(heading, ...children);
  return element;
}

function line(className: string, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement('div');
  element.className = className;
  element.append(...children);
  return element;
}

function actions(...buttons: HTMLElement[]): HTMLElement {
  return line('actions', ...buttons);
}

function renderModel(state: SidebarState): HTMLElement {
  const status = state.connection
    ? line(`status ${state.connection.ok ? 'ok' : 'problem'}`, badge(state.connection.ok ? 'ready' : 'problem'), ` ${state.connection.summary}`)
    : line('status muted', 'Not checked yet');
  return section(
    'Model',
    line('row', tag(state.provider), ' ', line('value', state.model)),
    line('row muted', state.server),
    status,
    actions(
      button('Select Model…', { onClick: run('selectModel') }),
      button('Diagnose', { onClick: run('diagnoseModel'), title: 'Check the model server' }),
    ),
  );
}

function renderProject(state: SidebarState): HTMLElement {
  if (!state.workspace) {
    return section('Project', line('muted', 'Open a folder: Strata writes the backend into it.'));
  }
  const { name, isProject, phases } = state.workspace;
  const list = document.createElement('ol');
  list.className = 'phases';
  for (const phase of PHASE_IDS) {
    const item = document.createElement('li');
    const figures = state.lastRun?.phases.find((entry) => entry.phase === phase);
    // A saved artifact is not a success when the last run's pass of that phase failed.
    const failed = figures !== undefined && !figures.ok;
    item.className = failed ? 'failed' : phases.includes(phase) ? 'done' : 'pending';
    item.textContent = `${PHASE_LABELS[phase]}${failed ? ' ✗' : phases.includes(phase) ? ' ✓' : ''}`;
    if (figures) item.append(line('figures muted', figuresText(figures)));
    list.append(item);
  }
  const buttons = liveRun?.outcome === 'running' ? [] : [button('New Backend…', { appearance: 'primary', onClick: run('newBackend') })];
  if (isProject) buttons.push(button('Add Feature…', { onClick: run('addFeature') }));
  if (phases.length > 0) buttons.push(button('Show Phase Diff…', { onClick: run('showPhaseDiff') }));
  return section(
    'Project',
    line('row', line('value', name), ' ', tag(isProject ? 'strata project' : 'no backend yet'), ' ', tag(state.database)),
    list,
    actions(...buttons),
    ...(state.workspace.routes?.length ? [renderRoutes(state.workspace.routes)] : []),
  );
}

/** Who may call each route: what the guards enforce, so the user can check it against the requirements. */
function renderRoutes(routes: RouteAccess[]): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'routes';
  for (const route of routes) {
    const item = document.createElement('li');
    item.append(line('route', `${route.method} ${route.path}`), line('who muted', route.who));
    list.append(item);
  }
  const details = document.createElement('details');
  // A short list is shown; a long one waits to be opened.
  details.open = routes.length <= 12;
  const summary = document.createElement('summary');
  summary.textContent = `API: ${routes.length} route(s), who may call each`;
  details.append(summary, list);
  return details;
}

function figuresText(figures: PhaseFigures): string {
  const tokens = new Intl.NumberFormat().format(figures.tokens);
  return `${figures.ok ? '' : 'failed: '}${figures.calls} call(s), ${figures.attempts} attempt(s), ${tokens} tokens, ${figures.seconds.toFixed(1)} s`;
}

let lastState: SidebarState | undefined;
let liveRun: LiveRun | undefined;
let liveReceivedAt = 0;
let clock: ReturnType<typeof setInterval> | undefined;

function render(): void {
  if (!lastState) return;
  const live = liveRun ? [renderLiveRun(liveRun, Date.now() - liveReceivedAt, { cancel: run('cancelGeneration'), showLog: run('showLog') }), divider()] : [];
  root.replaceChildren(...live, renderProject(lastState), divider(), renderModel(lastState));
  // A running clock moves between the host's messages.
  if (liveRun?.outcome === 'running' && !clock) clock = setInterval(render, 1000);
  if (liveRun?.outcome !== 'running' && clock) {
    clearInterval(clock);
    clock = undefined;
  }
}

function query(selector: string): QueriedElement[] {
  try {
    return [...document.querySelectorAll<HTMLElement>(selector)].map((node) => ({ data: { ...node.dataset } as Record<string, string>, text: node.textContent ?? '' }));
  } catch {
    return [];
  }
}

window.addEventListener('message', (event: MessageEvent<HostToSidebar>) => {
  const message = event.data;
  switch (message.type) {
    case 'state':
      lastState = message.state;
      render();
      break;
    case 'live':
      liveRun = message.run;
      liveReceivedAt = Date.now();
      render();
      break;
    case 'query':
      host.postMessage({ type: 'queried', id: message.id, elements: query(message.selector) });
      break;
    case 'ping':
      host.postMessage({ type: 'pong', id: message.id, rendered: root.innerText });
      break;
  }
});

host.postMessage({ type: 'ready' });
