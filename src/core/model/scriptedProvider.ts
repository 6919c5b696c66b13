import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { partsAskedBy, partsOf } from './answerParts';
import type { ChatRequest, ChatResult, ModelInfo, ModelProvider } from './chat';
import { ModelError } from './errors';
import { revisedFrom } from './revisedTarget';
import { estimateUsage } from './tokens';

/** Fixture file of one call: `<dir>/<agent>/<target>.json`, the target made file-safe. */
export function fixturePath(dir: string, agent: string, target: string): string {
  return join(dir, agent, `${target.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
}

/**
 * A model that answers from fixture files keyed by agent and target (not by call order or prompt
 * text), so fixtures survive prompt changes and parallel calls. It always answers with a tool call
 * when a tool is offered, as a capable model would. It stands in for a real model in tests, benchmarks
 * and `strata generate --model scripted:DIR`; everything after the provider is the real code path.
 */
export class ScriptedModel implements ModelProvider {
  readonly id = 'scripted';
  readonly label: string;
  readonly asked: { agent: string; target: string }[] = [];

  constructor(private readonly source: string | ((agent: string, target: string) => unknown)) {
    this.label = typeof source === 'string' ? `scripted model (${source})` : 'scripted model';
  }

  async listModels(): Promise<string[]> {
    return ['scripted'];
  }

  async describe(model: string): Promise<ModelInfo> {
    return { name: model, supportsTools: true, contextLength: 131072 };
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    if (request.signal?.aborted) throw new ModelError('cancelled', 'The scripted call was cancelled');
    const purpose = request.purpose;
    if (!purpose) throw new ModelError('bad-response', 'The scripted model needs to know the agent and target of each call');
    this.asked.push(purpose);
    const whole = this.answer(purpose.agent, purpose.target);
    // A retry that asks for parts of the answer gets those parts, keyed by their paths, as a capable model gives them.
    const parts = partsAskedBy(request.tool?.parameters ?? request.format);
    const value = parts ? partsOf(whole, parts) : whole;
    const toolCalls = request.tool ? [{ name: request.tool.name, arguments: value }] : [];
    const content = request.tool ? '' : JSON.stringify(value);
    return {
      content,
      toolCalls,
      finishReason: 'stop',
      usage: estimateUsage(request, content || JSON.stringify(value)),
    };
  }

  private answer(agent: string, target: string): unknown {
    if (typeof this.source === 'function') return structuredClone(this.source(agent, target));
    // Several folders, comma-separated: the first that has an answer gives it (a feature step's own answers before the app's).
    const dirs = this.source.split(',');
    const find = (name: string) => dirs.map((dir) => fixturePath(dir, agent, name)).find((path) => existsSync(path));
    // A revision a later phase asked for (`<target>, revised`) without a script of its own is answered as
    // before: the model keeps its answer, as a model does when the requirements do not call for the change.
    const original = revisedFrom(target);
    const file = find(target) ?? (original !== undefined ? find(original) : undefined) ?? fixturePath(dirs[0]!, agent, target);
    if (!existsSync(file)) {
      // A Realize module asked in parts whose answers were not cut to them (the planning or a prompt changed).
      const hint = /, part \d+ of \d+$/.test(target) ? ' (a module written in parts: `npm run fixtures:realize-parts` cuts the scripted answers to the parts asked)' : '';
      throw new ModelError('bad-response', `No scripted answer for ${agent}/${target}: expected ${file}${hint}`);
    }
    return JSON.parse(readFileSync(file, 'utf8'));
  }
}
