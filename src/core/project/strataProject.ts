import { PHASE_IDS, type PhaseId } from '../phaseId';
import type { ProjectFiles } from './projectFiles';
import { STRATA_DIR } from './strataDir';

/** A failed run's accepted answers, for resuming (pipeline/checkpoint.ts); not the restore points of checkpointStore.ts. */
export const RESUME_DIR = `${STRATA_DIR}/resume`;
export const REQUIREMENTS_FILE = `${STRATA_DIR}/requirements.md`;
/** Every accepted answer of the last finished run, by `<agent>/<target>`: a feature step keeps those the change does not reach. */
export const ANSWERS_FILE = `${STRATA_DIR}/answers.json`;

/** Each phase's artifact is saved as JSON so work can continue from it later. */
export function artifactPath(phase: PhaseId): string {
  return `${STRATA_DIR}/${phase}.json`;
}

/** A folder is a Strata project once it holds requirements or any phase artifact. */
export async function isStrataProject(files: ProjectFiles): Promise<boolean> {
  return (await files.exists(REQUIREMENTS_FILE)) || (await savedPhases(files)).length > 0;
}

/** Phases whose artifact is saved, in pipeline order. */
export async function savedPhases(files: ProjectFiles): Promise<PhaseId[]> {
  const present = new Set(await files.list(STRATA_DIR));
  return PHASE_IDS.filter((phase) => present.has(artifactPath(phase)));
}

/** The requirements as `.strata/requirements.md` holds them: LF line ends, one final newline. */
export function requirementsFileText(text: string): string {
  return `${text.replace(/\r\n/g, '\n').trim()}\n`;
}

export async function saveRequirements(files: ProjectFiles, text: string): Promise<string> {
  const content = requirementsFileText(text);
  if (content.trim() === '') throw new Error('The requirements are empty: describe the backend you want first.');
  await files.write(REQUIREMENTS_FILE, content);
  return REQUIREMENTS_FILE;
}

/** The artifact as it was before the phase last ran: the left side of the phase's diff. */
export function previousArtifactPath(phase: PhaseId): string {
  return `${STRATA_DIR}/previous/${phase}.json`;
}

/** A phase's saved artifact, or undefined when there is none or it is not JSON. */
export async function readArtifact<T>(files: ProjectFiles, phase: PhaseId): Promise<T | undefined> {
  const text = await files.read(artifactPath(phase));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
