import * as vscode from 'vscode';
import type { Logger } from '../core/log/logger';

/** Core's `Logger` on a VS Code log output channel ("Strata" in the Output panel). */
export class OutputLogger implements Logger, vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Strata', { log: true });

  trace(message: string): void {
    this.channel.trace(message);
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string | Error): void {
    this.channel.error(message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
