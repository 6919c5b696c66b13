import { type ChatResponse, type Message, Ollama } from 'ollama';
import type { ChatMessage, ChatRequest, ChatResult, ModelInfo, ModelProvider, ToolCall } from './chat';
import { ModelError } from './errors';
import { fetchWithSignal } from './fetchWithSignal';
import { toModelError } from './requestErrors';
import { estimatePromptTokens, estimateUsage } from './tokens';

export interface OllamaOptions {
  host: string;
  /** Limit for one chat call; long, because the first call may load the model from disk. */
  requestTimeoutMs?: number;
  /** Limit for quick requests (list, show). */
  probeTimeoutMs?: number;
  /** How long Ollama keeps the model loaded after a call. */
  keepAlive?: string;
  /** Tokens kept free for the answer when sizing `num_ctx`. */
  answerReserve?: number;
}

const CONTEXT_STEP = 2048;
const MIN_CONTEXT = 4096;

/**
 * Ollama through its native `/api/chat` (not `/v1`, which ignores `num_ctx` and silently truncates).
 * `num_ctx` is chosen per call from the prompt's size and the model's own limit, and a prompt that
 * cannot fit is refused before anything is sent.
 */
export class OllamaProvider implements ModelProvider {
  readonly id = 'ollama';
  readonly label: string;
  private readonly info = new Map<string, Promise<ModelInfo>>();
  private readonly requestTimeoutMs: number;
  private readonly probeTimeoutMs: number;

  constructor(private readonly options: OllamaOptions) {
    this.label = `Ollama at ${options.host}`;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10 * 60_000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 5_000;
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const { models } = await this.client(signal, this.probeTimeoutMs).list();
      return models.map((model) => model.name).sort();
    } catch (error) {
      throw toModelError(error, this.label, this.probeTimeoutMs, signal);
    }
  }

  describe(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    let known = this.info.get(model);
    if (!known) {
      known = this.show(model, signal);
      this.info.set(model, known);
      known.catch(() => this.info.delete(model));
    }
    return known;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const info = await this.describe(request.model, request.signal);
    if (request.tool && !info.supportsTools) {
      throw new ModelError(
        'no-tool-support',
        `Model "${request.model}" does not support tool calling (its capabilities lack "tools"); choose a model that does, e.g. qwen2.5-coder or llama3.1`,
      );
    }
    const numCtx = this.contextFor(request, info);
    const body = {
      model: request.model,
      messages: request.messages.map(toOllamaMessage),
      keep_alive: this.options.keepAlive ?? '10m',
      options: { num_ctx: numCtx, ...(request.temperature === undefined ? {} : { temperature: request.temperature }) },
      ...(request.tool
        ? { tools: [{ type: 'function', function: { name: request.tool.name, description: request.tool.description, parameters: request.tool.parameters } }] }
        : {}),
      ...(request.format && !request.tool ? { format: request.format } : {}),
    };
    const client = this.client(request.signal, this.requestTimeoutMs);
    try {
      if (!request.stream) {
        return fromOllama(await client.chat({ ...body, stream: false }), request);
      }
      let content = '';
      const toolCalls: ToolCall[] = [];
      let last: ChatResponse | undefined;
      for await (const part of await client.chat({ ...body, stream: true })) {
        if (part.message?.content) {
          content += part.message.content;
          request.onText?.(part.message.content);
        }
        for (const call of part.message?.tool_calls ?? []) toolCalls.push({ name: call.function.name, arguments: call.function.arguments });
        last = part;
      }
      if (!last?.done) throw new ModelError('bad-response', `${this.label} ended the stream before it was done`);
      return fromOllama({ ...last, message: { ...last.message, content, tool_calls: toolCalls.map((call) => ({ function: { name: call.name, arguments: call.arguments as Record<string, unknown> } })) } }, request);
    } catch (error) {
      throw toModelError(error, this.label, this.requestTimeoutMs, request.signal);
    }
  }

  /** The smallest step-rounded window that holds the prompt and the answer, within the model's limit. */
  private contextFor(request: ChatRequest, info: ModelInfo): number {
    const prompt = estimatePromptTokens(request.messages, request.tool?.parameters ?? request.format);
    const reserve = this.options.answerReserve ?? 4096;
    const limit = info.contextLength ?? 8192;
    if (prompt + Math.min(reserve, 1024) > limit) {
      throw new ModelError(
        'context-overflow',
        `The prompt needs about ${prompt} tokens but "${request.model}" holds at most ${limit}; use a model with a larger context or a smaller task`,
      );
    }
    const wanted = Math.max(MIN_CONTEXT, Math.ceil((prompt + reserve) / CONTEXT_STEP) * CONTEXT_STEP);
    return Math.min(wanted, limit);
  }

  private async show(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    try {
      const shown = (await this.client(signal, this.probeTimeoutMs).show({ model })) as unknown as {
        capabilities?: string[];
        model_info?: Record<string, unknown>;
      };
      const contextEntry = Object.entries(shown.model_info ?? {}).find(([key]) => key.endsWith('.context_length'));
      return {
        name: model,
        supportsTools: (shown.capabilities ?? []).includes('tools'),
        contextLength: typeof contextEntry?.[1] === 'number' ? contextEntry[1] : undefined,
      };
    } catch (error) {
      const mapped = toModelError(error, this.label, this.probeTimeoutMs, signal);
      if (mapped.status === 404) throw new ModelError('model-not-found', `Model "${model}" is not installed on ${this.label}: run \`ollama pull ${model}\``, 404);
      throw mapped;
    }
  }

  private client(signal: AbortSignal | undefined, timeoutMs: number): Ollama {
    // The client has no signal option: a fetch that merges ours aborts streaming and plain calls alike.
    return new Ollama({ host: this.options.host, fetch: fetchWithSignal(signal, timeoutMs) });
  }
}

function toOllamaMessage(message: ChatMessage): Message {
  switch (message.role) {
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        ...(message.toolCalls ? { tool_calls: message.toolCalls.map((call) => ({ function: { name: call.name, arguments: call.arguments as Record<string, unknown> } })) } : {}),
      };
    case 'tool':
      return { role: 'tool', content: message.content, tool_name: message.toolName };
    default:
      return { role: message.role, content: message.content };
  }
}

function fromOllama(response: ChatResponse, request: ChatRequest): ChatResult {
  const content = response.message?.content ?? '';
  const toolCalls = (response.message?.tool_calls ?? []).map((call) => ({ name: call.function.name, arguments: call.function.arguments }));
  const counted = typeof response.prompt_eval_count === 'number' && typeof response.eval_count === 'number';
  return {
    content,
    toolCalls,
    finishReason: response.done_reason,
    usage: counted
      ? { inputTokens: response.prompt_eval_count, outputTokens: response.eval_count, counted: 'provider' }
      : estimateUsage(request, content + JSON.stringify(toolCalls)),
  };
}
