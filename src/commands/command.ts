import * as vscode from 'vscode';

/**
 * One command per class and file. Every command takes optional arguments so it can run without UI
 * (from tests, other extensions or keybindings); without them it asks the user.
 */
export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

export class CommandManager implements vscode.Disposable {
  private readonly registrations: vscode.Disposable[] = [];

  constructor(private readonly onError: (command: Command, error: unknown) => void) {}

  register(command: Command): void {
    this.registrations.push(
      vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
        try {
          return await command.execute(...args);
        } catch (error) {
          this.onError(command, error);
          return undefined;
        }
      }),
    );
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
    this.registrations.length = 0;
  }
}

/** Reads an optional object argument; anything else counts as "no argument". */
export function objectArg<T extends object>(value: unknown): Partial<T> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Partial<T>) : {};
}
