import * as vscode from 'vscode';
import type { Logger } from '../core/log/logger';
import { sidebarHtml } from './sidebarHtml';
import { type HostToSidebar, type LiveRun, parseSidebarMessage, type QueriedElement, type SidebarAction, type SidebarState } from './protocol';

const PING_TIMEOUT_MS = 10_000;
/** The live view is sent at most this often while text streams; status changes wait no longer than this. */
const LIVE_INTERVAL_MS = 100;

/** The Strata sidebar: shows the model and project state and starts commands. */
export class SidebarViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = 'strata.sidebar';

  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pings = new Map<number, (rendered: string) => void>();
  private readonly queries = new Map<number, (elements: QueriedElement[]) => void>();
  private live: LiveRun | undefined;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  private liveSentAt = 0;
  private nextPingId = 1;
  private markReady!: () => void;
  /** Settles the first time a webview's script runs and asks for state. */
  private readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly state: () => Promise<SidebarState>,
    private readonly runAction: (action: SidebarAction) => void,
    private readonly log: Logger,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = sidebarHtml(view.webview, this.extensionUri);
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // A hidden view may be torn down; when shown again its new page sends `ready` and gets state.
      view.onDidDispose(() => {
        this.view = undefined;
      }),
    );
  }

  /** Resolves once the webview's script runs and has asked for its first state. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Sends fresh state to the sidebar, if it is open. */
  async refresh(): Promise<void> {
    if (!this.view) return;
    await this.post({ type: 'state', state: await this.state() });
  }

  /** The run going on (or the last one): sent to the page at most every LIVE_INTERVAL_MS, the latest always. */
  showRun(run: LiveRun): void {
    this.live = run;
    if (this.liveTimer) return;
    const wait = Math.max(0, this.liveSentAt + LIVE_INTERVAL_MS - Date.now());
    this.liveTimer = setTimeout(() => {
      this.liveTimer = undefined;
      this.liveSentAt = Date.now();
      void this.post({ type: 'live', run: this.live });
    }, wait);
  }

  /** The run the view shows, as last given to it. */
  get shownRun(): LiveRun | undefined {
    return this.live;
  }

  /** What the page shows under `selector` (data attributes and text of each element): tests read the DOM through it. */
  async query(selector: string): Promise<QueriedElement[]> {
    await this.whenReady();
    const id = this.nextPingId++;
    const answer = new Promise<QueriedElement[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.queries.delete(id);
        reject(new Error(`The Strata sidebar did not answer within ${PING_TIMEOUT_MS / 1000} s`));
      }, PING_TIMEOUT_MS);
      this.queries.set(id, (elements) => {
        clearTimeout(timer);
        resolve(elements);
      });
    });
    await this.post({ type: 'query', id, selector });
    return answer;
  }

  /** A round trip through the webview: resolves with the text the sidebar currently shows. */
  async ping(): Promise<string> {
    await this.whenReady();
    const id = this.nextPingId++;
    const answer = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pings.delete(id);
        reject(new Error(`The Strata sidebar did not answer within ${PING_TIMEOUT_MS / 1000} s`));
      }, PING_TIMEOUT_MS);
      this.pings.set(id, (rendered) => {
        clearTimeout(timer);
        resolve(rendered);
      });
    });
    await this.post({ type: 'ping', id });
    return answer;
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseSidebarMessage(raw);
    if (!message) {
      this.log.warn(`Ignored an unexpected message from the sidebar: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        await this.refresh();
        if (this.live) await this.post({ type: 'live', run: this.live });
        this.markReady();
        break;
      case 'run':
        this.runAction(message.action);
        break;
      case 'pong':
        this.pings.get(message.id)?.(message.rendered);
        this.pings.delete(message.id);
        break;
      case 'queried':
        this.queries.get(message.id)?.(message.elements);
        this.queries.delete(message.id);
        break;
    }
  }

  private async post(message: HostToSidebar): Promise<void> {
    if (this.view) await this.view.webview.postMessage(message);
  }

  dispose(): void {
    if (this.liveTimer) clearTimeout(this.liveTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
