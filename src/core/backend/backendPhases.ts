import { AnalyzePhase } from '../analyze/agent';
import { DatabasePhase } from '../database/agent';
import { InterfacePhase } from '../interface/agent';
import { RealizePhase } from '../realize/agent';
import { TestPhase } from '../scenarios/agent';
import type { Phase } from '../pipeline/phase';
import { nestPrisma } from '../target/nest-prisma';

/** The five phases that turn requirements into a backend, in the order they run, rendering for NestJS + Prisma. */
export function backendPhases(requirements: string, target = nestPrisma): Phase[] {
  return [
    new AnalyzePhase(requirements, target),
    new DatabasePhase(requirements, target),
    new InterfacePhase(requirements, target),
    new TestPhase(target),
    new RealizePhase(target),
  ];
}
