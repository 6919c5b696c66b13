/**
 * The only module that knows which UI toolkit the sidebar uses. `@vscode/webview-ui-toolkit` was
 * archived by Microsoft in January 2025; moving to its successor means rewriting this folder only.
 * The rest of the webview builds its UI through these functions and never names a toolkit element.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeDivider,
  vsCodeProgressRing,
  vsCodeTag,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/** Registers the toolkit's custom elements once; call before building any component. */
export function registerComponents(): void {
  if (registered) return;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeBadge(), vsCodeDivider(), vsCodeProgressRing(), vsCodeTag());
  registered = true;
}

export interface ButtonOptions {
  appearance?: 'primary' | 'secondary' | 'icon';
  title?: string;
  onClick: () => void;
}

export function button(label: string, options: ButtonOptions): HTMLElement {
  const element = document.createElement('vscode-button');
  element.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.title) element.setAttribute('title', options.title);
  element.textContent = label;
  element.addEventListener('click', options.onClick);
  return element;
}

export function badge(text: string): HTMLElement {
  const element = document.createElement('vscode-badge');
  element.textContent = text;
  return element;
}

export function tag(text: string): HTMLElement {
  const element = document.createElement('vscode-tag');
  element.textContent = text;
  return element;
}

export function divider(): HTMLElement {
  return document.createElement('vscode-divider');
}

export function progressRing(): HTMLElement {
  return document.createElement('vscode-progress-ring');
}
