import type { OutputModeSetting } from '../config/settings';
import type { ChatRequest, ModelInfo } from './chat';
import { ModelError } from './errors';

/**
 * How a typed answer is asked for: `tools` offers the schema as the one function to call; `format`
 * sends it as Ollama's `format` (OpenAI's `response_format`), so the server constrains decoding to
 * JSON of the schema; `auto` takes tools when the model's capabilities list them, else format.
 * Both modes go through the same reading, validation and feedback.
 */
export type OutputMode = 'tools' | 'format';
export type { OutputModeSetting };

export function resolveOutputMode(setting: OutputModeSetting, info: ModelInfo): OutputMode {
  if (setting === 'auto') return info.supportsTools ? 'tools' : 'format';
  if (setting === 'tools' && !info.supportsTools) {
    throw new ModelError(
      'no-tool-support',
      `Model "${info.name}" does not support tool calling (its capabilities lack "tools"); set strata.outputMode to "format" or "auto", or choose a model that does, e.g. qwen2.5-coder or llama3.1`,
    );
  }
  return setting;
}

/**
 * A tool request turned into a `format` request: the schema constrains the answer, and the system
 * message says what "calling the function" means here (the schema's descriptions are read by the
 * model only through the prompt, so the schema goes there too). The function's name stays in the
 * text, so the task and the feedback ("call `x` again") read the same in both modes.
 */
export function asFormatRequest(request: ChatRequest): ChatRequest {
  const tool = request.tool;
  if (!tool) return request;
  const instruction = [
    `There is no function-calling here: "calling the function \`${tool.name}\`" means answering with its arguments as one JSON object and nothing else (no call wrapper, no prose).`,
    `\`${tool.name}\`: ${tool.description}`,
    `Its arguments' JSON schema: ${JSON.stringify(tool.parameters)}`,
  ].join('\n');
  const [first, ...rest] = request.messages;
  const messages =
    first?.role === 'system'
      ? [{ ...first, content: `${first.content}\n\n${instruction}` }, ...rest]
      : [{ role: 'system' as const, content: instruction }, ...request.messages];
  return { ...request, tool: undefined, format: tool.parameters, messages };
}
