import { type ChatResponse, type Message, Ollama } from 'ollama';
import type { ChatMessage, ChatRequest, ChatResult, ModelInfo, ModelProvider, ToolCall } from './chat';
import { ModelError } from './errors';
import { DEFAULT_TIMEOUTS, type Timeouts } from './limits';
import { RequestGuard } from './requestGuard';
import { estimatePromptTokens, estimateUsage } from './tokens';

export interface OllamaOptions {
  host: string;
  /** Time limits (defaults: DEFAULT_TIMEOUTS, the settings' defaults). */
  timeouts?: Partial<Timeouts>;
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
  private readonly timeouts: Timeouts;
  /** When each model last sent something: until then, and after keep_alive has unloaded it, its calls get the load allowance. */
  private readonly lastHeard = new Map<string, number>();
  private readonly keepAliveMs: number | undefined;

  constructor(private readonly options: OllamaOptions) {
    this.label = `Ollama at ${options.host}`;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.keepAliveMs = durationMs(options.keepAlive ?? '10m');
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const guard = RequestGuard.probe(this.label, this.timeouts.probeMs, signal);
    try {
      const { models } = await this.client(guard).list();
      return models.map((model) => model.name).sort();
    } catch (error) {
      throw guard.failure(error);
    } finally {
      guard.dispose();
    }
  }

  /** Whether the server may have to load `model` before it answers: no byte from it yet, or keep_alive has passed since. */
  private cold(model: string): boolean {
    const last = this.lastHeard.get(model);
    if (last === undefined) return true;
    return this.keepAliveMs !== undefined && Date.now() - last > this.keepAliveMs;
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
    const heard = () => this.lastHeard.set(request.model, Date.now());
    const guard = RequestGuard.chat(
      this.label,
      request.model,
      {
        firstByte: this.cold(request.model) ? { limit: 'load', ms: this.timeouts.loadMs } : { limit: 'first-byte', ms: this.timeouts.firstByteMs },
        idleMs: this.timeouts.idleMs,
        callMs: this.timeouts.callMs,
        onFirstByte: heard,
      },
      request.signal,
    );
    const client = this.client(guard);
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
      if (!last?.done) throw new ModelError('unreachable', `${this.label} ended the stream before it was done`, undefined, { connection: 'dropped' });
      heard();
      return fromOllama({ ...last, message: { ...last.message, content, tool_calls: toolCalls.map((call) => ({ function: { name: call.name, arguments: call.arguments as Record<string, unknown> } })) } }, request);
    } catch (error) {
      throw guard.failure(error);
    } finally {
      guard.dispose();
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
    const guard = RequestGuard.probe(this.label, this.timeouts.probeMs, signal);
    try {
      const shown = (await this.client(guard).show({ model })) as unknown as {
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
      const mapped = guard.failure(error);
      if (mapped.status === 404) throw new ModelError('model-not-found', `Model "${model}" is not installed on ${this.label}: run \`ollama pull ${model}\``, 404);
      throw mapped;
    } finally {
      guard.dispose();
    }
  }

  private client(guard: RequestGuard): Ollama {
    // The client has no signal option: the guard's fetch carries the caller's signal and the time limits,
    // and watches the body the client reads (NDJSON stream or JSON) chunk by chunk.
    return new Ollama({ host: this.options.host, fetch: guard.fetch });
  }
}

/** Ollama's keep_alive as milliseconds (`10m`, `30s`, `1h`, a number of seconds); undefined for "forever" (negative) or unreadable. */
function durationMs(value: string | number): number | undefined {
  if (typeof value === 'number') return value < 0 ? undefined : value * 1000;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
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
