/** The five phases, named the same way in events, timings, errors, settings and the UI. */
export const PHASE_IDS = ['analyze', 'database', 'interface', 'test', 'realize'] as const;

export type PhaseId = (typeof PHASE_IDS)[number];

export const PHASE_LABELS: Readonly<Record<PhaseId, string>> = {
  analyze: 'Analyze',
  database: 'Database',
  interface: 'Interface',
  test: 'Test',
  realize: 'Realize',
};

export function isPhaseId(value: unknown): value is PhaseId {
  return typeof value === 'string' && (PHASE_IDS as readonly string[]).includes(value);
}
