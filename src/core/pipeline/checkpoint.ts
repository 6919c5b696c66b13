import type { ChatRequest, ChatResult, ModelInfo, ModelProvider } from '../model/chat';
import type { ProjectFiles } from '../project/projectFiles';
import { RESUME_DIR } from '../project/strataProject';
import { isPhaseId, type PhaseId } from '../phaseId';

/**
 * What a failed run keeps so the next one can continue instead of starting over: the requirements, and
 * every answer the model gave that passed its checks, keyed by agent and target. Resuming replays those
 * answers through the same validators and renderers (so a changed earlier phase is caught there) and
 * asks the model only for what is missing. The finished phases' artifacts sit beside it for reading.
 */
export const CHECKPOINT_DIR = RESUME_DIR;
export const CHECKPOINT_FILE = `${CHECKPOINT_DIR}/checkpoint.json`;

export interface Checkpoint {
  version: 1;
  createdAt: string;
  requirements: string;
  database: string;
  /** The phase that failed, and why. */
  stoppedAt?: PhaseId;
  reason: string;
  /** Phases that finished. */
  phases: PhaseId[];
  /** `<agent>/<target>` -> the accepted value. */
  answers: Record<string, unknown>;
}

export function answerKey(agent: string, target: string): string {
  return `${agent}/${target}`;
}

/** The agent of an answer key (agents have no `/`; targets may). */
export function agentOf(key: string): string {
  return key.slice(0, key.indexOf('/'));
}

/** The target of an answer key. */
export function targetOf(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}

export async function readCheckpoint(files: ProjectFiles): Promise<Checkpoint | undefined> {
  const text = await files.read(CHECKPOINT_FILE);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Checkpoint;
    if (value.version !== 1 || typeof value.requirements !== 'string' || typeof value.answers !== 'object' || value.answers === null) return undefined;
    return { ...value, phases: (value.phases ?? []).filter(isPhaseId) };
  } catch {
    return undefined;
  }
}

/** The checkpoint's files: checkpoint.json and one `<phase>.json` per finished phase. */
export function checkpointFiles(checkpoint: Checkpoint, artifacts: ReadonlyMap<PhaseId, unknown>): Map<string, string> {
  const files = new Map<string, string>([[CHECKPOINT_FILE, `${JSON.stringify(checkpoint, null, 2)}\n`]]);
  for (const [phase, artifact] of artifacts) files.set(`${CHECKPOINT_DIR}/${phase}.json`, `${JSON.stringify(artifact, null, 2)}\n`);
  return files;
}

/** Deletions of every file of an earlier checkpoint (a finished run no longer needs it). */
export async function checkpointRemoval(files: ProjectFiles): Promise<Map<string, null>> {
  return new Map((await files.list(CHECKPOINT_DIR)).map((file) => [file, null]));
}

/**
 * Answers a call from the checkpoint once when it holds an answer for the call's agent and target, and
 * passes every other call (and any retry after feedback on a replayed answer) to the real provider.
 */
export class ReplayingProvider implements ModelProvider {
  readonly id;
  readonly label;
  /** How many calls were answered from the checkpoint. */
  replayed = 0;
  private readonly unused: Map<string, unknown>;

  constructor(private readonly inner: ModelProvider, answers: Record<string, unknown>) {
    this.id = inner.id;
    this.label = inner.label;
    this.unused = new Map(Object.entries(answers));
  }

  /** More answers to replay (a run that went back offers the answers of the phases it redoes). */
  offer(answers: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(answers)) this.unused.set(key, value);
  }

  /** The answers not replayed yet. */
  pending(): Record<string, unknown> {
    return Object.fromEntries(this.unused);
  }

  listModels(signal?: AbortSignal): Promise<string[]> {
    return this.inner.listModels(signal);
  }

  describe(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    return this.inner.describe(model, signal);
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const key = request.purpose && answerKey(request.purpose.agent, request.purpose.target);
    if (key === undefined || !this.unused.has(key)) return this.inner.chat(request);
    const value = structuredClone(this.unused.get(key));
    this.unused.delete(key);
    this.replayed++;
    return {
      content: request.tool ? '' : JSON.stringify(value),
      toolCalls: request.tool ? [{ name: request.tool.name, arguments: value }] : [],
      finishReason: 'stop',
      // Nothing was sent to a model.
      usage: { inputTokens: 0, outputTokens: 0, counted: 'provider' },
    };
  }
}
