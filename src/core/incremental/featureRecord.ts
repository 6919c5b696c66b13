import type { FeatureKind } from '../analyze/change';
import { STRATA_DIR } from '../project/strataDir';

/** One file per feature step: the request, the plan (files, calls, tokens), the artifacts before and after. */
export const FEATURES_DIR = `${STRATA_DIR}/features`;

export const featureRecordPath = (step: string): string => `${FEATURES_DIR}/${step}.json`;

/** `003-add-tags-to-todos`: numbered after the steps already recorded, named by the request's first words. */
export function nextStepName(recorded: readonly string[], kind: FeatureKind, request: string): string {
  const numbers = recorded.flatMap((path) => /^(\d{3})-/.exec(path.slice(FEATURES_DIR.length + 1))?.[1] ?? []).map(Number);
  const next = String(Math.max(0, ...numbers) + 1).padStart(3, '0');
  const words = request
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 5)
    .join('-');
  return `${next}-${kind}${words ? `-${words}` : ''}`.slice(0, 48).replace(/-+$/, '');
}
