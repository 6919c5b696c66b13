import { signsIn } from '../interface/access';
import type { InterfaceArtifact, Operation } from '../interface/types';
import type { TestScenario } from './types';

/** One account a scenario acts as: the name it goes by in the scenario, and its actor. */
export interface ActingAccount {
  /** A name from the scenario's `accounts`, or the actor's own name for that actor's one account. */
  label: string;
  actor: string;
}

/**
 * What `as` (of a scenario or a step) names: an account of `accounts`, else an actor that signs in (its one
 * account in the scenario). Undefined when it names neither.
 */
export function accountNamed(api: InterfaceArtifact, scenario: Pick<TestScenario, 'accounts'>, name: string): ActingAccount | undefined {
  const actor = scenario.accounts?.[name];
  if (actor !== undefined) return signsIn(api, actor) ? { label: name, actor } : undefined;
  return signsIn(api, name) ? { label: name, actor: name } : undefined;
}

/**
 * Who calls the operation under test: `as`, or the operation's own actor; undefined for a guest call
 * (nobody signs in).
 */
export function scenarioCaller(api: InterfaceArtifact, scenario: Pick<TestScenario, 'accounts' | 'as'>, operation: Operation): ActingAccount | undefined {
  return accountNamed(api, scenario, scenario.as ?? operation.actor);
}

/** Every account a scenario uses besides its caller, in first-use order: its `accounts`, then actors its steps act as. */
export function otherAccounts(api: InterfaceArtifact, scenario: TestScenario, caller: ActingAccount | undefined): ActingAccount[] {
  const out = new Map<string, ActingAccount>();
  const add = (account: ActingAccount | undefined) => {
    if (account && account.label !== caller?.label && !out.has(account.label)) out.set(account.label, account);
  };
  for (const label of Object.keys(scenario.accounts ?? {})) add(accountNamed(api, scenario, label));
  for (const step of scenario.given) if (step.as !== undefined) add(accountNamed(api, scenario, step.as));
  return [...out.values()];
}
