import { PHASE_IDS, PHASE_LABELS } from '../src/core/phaseId';
import type { HostToSidebar, PhaseFigures, RouteAccess, SidebarAction, SidebarState } from '../src/sidebar/protocol';
import { badge, button, divider, progressRing, registerComponents, tag } from './components/index';
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
    item.className = phases.includes(phase) ? 'done' : 'pending';
    item.textContent = `${PHASE_LABELS[phase]}${phases.includes(phase) ? ' ✓' : ''}`;
    const figures = state.lastRun?.phases.find((entry) => entry.phase === phase);
    if (figures) item.append(line('figures muted', figuresText(figures)));
    list.append(item);
  }
  const buttons = [button('New Backend…', { appearance: 'primary', onClick: run('newBackend') })];
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

function render(state: SidebarState): void {
  root.replaceChildren(renderProject(state), divider(), renderModel(state));
}

window.addEventListener('message', (event: MessageEvent<HostToSidebar>) => {
  const message = event.data;
  switch (message.type) {
    case 'state':
      render(message.state);
      break;
    case 'ping':
      host.postMessage({ type: 'pong', id: message.id, rendered: root.innerText });
      break;
  }
});

host.postMessage({ type: 'ready' });
