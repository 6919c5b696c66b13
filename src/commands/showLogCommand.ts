import type { StrataServices } from '../services';
import type { Command } from './command';

/** Strata: Show Log — the Strata output channel, where every call and every error with its cause is. */
export class ShowLogCommand implements Command {
  readonly id = 'strata.showLog';

  constructor(private readonly services: StrataServices) {}

  execute(): void {
    this.services.log.show();
  }
}
