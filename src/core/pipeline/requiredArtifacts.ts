import type { Issue } from '../diagnostics/issue';
import { PHASE_LABELS, type PhaseId } from '../phaseId';

/**
 * The issue of a phase run without the artifacts of the phases it builds on (e.g. Realize alone),
 * naming what to run first; `undefined` when nothing is missing.
 */
export function missingArtifacts(phase: PhaseId, required: Partial<Record<PhaseId, unknown>>): Issue | undefined {
  const missing = Object.entries(required).filter(([, artifact]) => artifact === undefined).map(([id]) => id);
  if (missing.length === 0) return undefined;
  const plural = missing.length > 1 ? 's' : '';
  const names = missing.join(' and ');
  return { severity: 'error', source: phase, message: `the ${PHASE_LABELS[phase]} phase needs the ${names} artifact${plural} of this run; run the ${names} phase${plural} first` };
}
