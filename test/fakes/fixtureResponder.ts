import { readFileSync } from 'node:fs';
import type { FakeReply, WireChatRequest } from './fakeOllamaServer';
import { fixturePath } from './scriptedModel';

/**
 * Answers wire chat requests the way a capable model would for a reference app: the tool offered names
 * the phase, and the tool's description names the module where a phase asks per module. The answers
 * are the app's scripted fixture files, so a run through a fake server writes the same backend as a
 * `scripted:` run.
 */
export function fixtureResponder(scriptedDir: string): (request: WireChatRequest) => FakeReply {
  return (request) => {
    const tool = request.tools?.[0]?.function;
    if (!tool) return { content: 'ok' };
    const module = /"([a-z0-9-]+)" module|the ([a-z0-9-]+) module/.exec(tool.description ?? '');
    const name = module?.[1] ?? module?.[2];
    const operation = /the operation "([A-Za-z0-9]+)"/.exec(tool.description ?? '')?.[1];
    const [agent, target] = ({
      define_requirements: ['analyze', 'requirements'],
      define_data_model: ['database', 'data model'],
      define_api: ['interface', 'api design'],
      define_scenarios: ['test', `scenarios ${operation}`],
      implement_module: ['realize', `module ${name}`],
    } as Record<string, [string, string]>)[tool.name] ?? [];
    if (!agent) return { toolCalls: [{ name: tool.name, arguments: { sum: 5 } }] };
    return { toolCalls: [{ name: tool.name, arguments: JSON.parse(readFileSync(fixturePath(scriptedDir, agent, target!), 'utf8')) }] };
  };
}

/** Which phase a wire request belongs to, by the tool it offers. */
export function phaseOf(request: WireChatRequest): string | undefined {
  return ({ define_requirements: 'analyze', define_data_model: 'database', define_api: 'interface', define_scenarios: 'test', implement_module: 'realize' } as Record<string, string>)[request.tools?.[0]?.function.name ?? ''];
}
