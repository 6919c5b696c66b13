import { existsSync, readFileSync } from 'node:fs';
import type { FakeReply, WireChatRequest } from './fakeOllamaServer';
import { partsAskedBy, partsOf } from '../../src/core/model/answerParts';
import type { JsonSchema } from '../../src/core/model/chat';
import { fixturePath } from './scriptedModel';

/**
 * Answers wire chat requests the way a capable model would for a reference app: the tool offered names
 * the phase, and the tool's description names the module where a phase asks per module. The answers
 * are the app's scripted fixture files, so a run through a fake server writes the same backend as a
 * `scripted:` run.
 */
export function fixtureResponder(scriptedDir: string): (request: WireChatRequest) => FakeReply {
  return (request) => {
    const tool = request.tools?.[0]?.function ?? formatTool(request);
    if (!tool) return { content: 'ok' };
    const module = /"([a-z0-9-]+)" module|the ([a-z0-9-]+) module/.exec(tool.description ?? '');
    const name = module?.[1] ?? module?.[2];
    const operation = /the operation "([A-Za-z0-9]+)"/.exec(tool.description ?? '')?.[1];
    // Large work is asked in parts: the Interface phase says "…, part 2 of 3", Realize and Test "(part 2 of 3)".
    const interfacePart = /, part (\d+) of \d+/.exec(tool.description ?? '')?.[1];
    const realizePart = /\(part (\d+ of \d+)\)/.exec(tool.description ?? '')?.[1];
    const [agent, target] = ({
      define_requirements: ['analyze', 'requirements'],
      define_data_model: ['database', 'data model'],
      change_requirements: ['analyze', 'change'],
      change_data_model: ['database', 'data model change'],
      plan_api: ['interface', 'api plan'],
      define_module: ['interface', `module ${name}${interfacePart ? ` part ${interfacePart}` : ''}`],
      define_scenarios: ['test', `scenarios ${operation}`],
      implement_module: ['realize', `module ${name}`],
    } as Record<string, [string, string]>)[tool.name] ?? [];
    // Several folders, comma-separated, as `scripted:` takes them: a feature step's own answers first.
    const asked = realizePart ? `${target}, part ${realizePart}` : target!;
    const dirs = scriptedDir.split(',');
    const file = dirs.map((dir) => fixturePath(dir, agent!, asked)).find((path) => existsSync(path)) ?? fixturePath(dirs[0]!, agent!, asked);
    const whole = agent ? JSON.parse(readFileSync(file, 'utf8')) : { sum: 5 };
    // A retry asking for parts of the answer is answered with those parts, keyed by their paths.
    const parts = partsAskedBy((request.tools?.[0]?.function.parameters ?? request.format) as JsonSchema | undefined);
    const args = parts ? partsOf(whole, parts) : whole;
    // Asked with `format` (no tools), the model writes the arguments as the whole answer.
    return request.tools?.length ? { toolCalls: [{ name: tool.name, arguments: args }] } : { content: JSON.stringify(args) };
  };
}

/** The function a `format` request stands for, as its system message names it (outputMode.ts). */
export function formatTool(request: WireChatRequest): { name: string; description: string } | undefined {
  if (!request.format) return undefined;
  const system = request.messages.find((message) => message.role === 'system')?.content ?? '';
  const name = /"calling the function `([\w-]+)`"/.exec(system)?.[1];
  if (!name) return undefined;
  const description = new RegExp(`^\`${name}\`: (.*)$`, 'm').exec(system)?.[1] ?? '';
  return { name, description };
}

/** Which phase a wire request belongs to, by the tool it offers. */
export function phaseOf(request: WireChatRequest): string | undefined {
  const name = request.tools?.[0]?.function.name ?? formatTool(request)?.name ?? '';
  return ({ define_requirements: 'analyze', define_data_model: 'database', change_requirements: 'analyze', change_data_model: 'database', plan_api: 'interface', define_module: 'interface', define_scenarios: 'test', implement_module: 'realize' } as Record<string, string>)[name];
}
