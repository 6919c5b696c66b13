import { AnalyzePhase } from '../analyze/agent';
import { DatabasePhase } from '../database/agent';
import { InterfacePhase } from '../interface/agent';
import { RealizePhase } from '../realize/agent';
import { TestPhase } from '../scenarios/agent';
import type { Phase } from '../pipeline/phase';

/** The five phases that turn requirements into a backend, in the order they run. */
export function backendPhases(requirements: string): Phase[] {
  return [new AnalyzePhase(requirements), new DatabasePhase(requirements), new InterfacePhase(requirements), new TestPhase(), new RealizePhase()];
}
