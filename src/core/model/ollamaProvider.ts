import { type ChatResponse, type Message, Ollama } from 'ollama';
import type { ChatMessage, ChatRequest, ChatResult, ContextWindow, ModelInfo, ModelProvider, ToolCall } from './chat';
import { ContextPlanner, MIN_ANSWER_TOKENS, UNKNOWN_LIMIT } from './contextWindow';
import { ModelError } from './errors';
import { DEFAULT_TIMEOUTS, type Timeouts } from './limits';
import { asFormatRequest, type OutputModeSetting, resolveOutputMode } from './outputMode';
import { RequestGuard } from './requestGuard';
import { estimateUsage } from './tokens';

export interface OllamaOptions {
  host: string;
  /** Time limits (defaults: DEFAULT_TIMEOUTS, the settings' defaults). */
  timeouts?: Partial<Timeouts>;
  /** How long Ollama keeps the model loaded after a call. */
  keepAlive?: string;
  /** How typed answers are asked for (strata.outputMode; default auto: tools when the model has them, else format). */
  outputMode?: OutputModeSetting;
}

/**
 * Ollama through its native `/api/chat` (not `/v1`, which ignores `num_ctx` and silently truncates).
 * `num_ctx` is chosen per call for the prompt and the expected answer (contextWindow.ts), within the
 * model's own limit; a prompt that cannot fit is refused before anything is sent, and an answer cut
 * off because the window was full (`done_reason: "length"`) is asked again in a larger one while the
 * model's limit allows. A tool request goes out as tools or as `format` (outputMode.ts); a thinking
 * model gets `think` and its reasoning comes back apart from the answer.
 */
export class OllamaProvider implements ModelProvider {
  readonly id = 'ollama';
  readonly label: string;
  private readonly info = new Map<string, Promise<ModelInfo>>();
  private readonly timeouts: Timeouts;
  /** When each model last sent something: until then, and after keep_alive has unloaded it, its calls get the load allowance. */
  private readonly lastHeard = new Map<string, number>();
  private readonly keepAliveMs: number | undefined;
  private readonly planner = new ContextPlanner();

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
    const mode = request.tool ? resolveOutputMode(this.options.outputMode ?? 'auto', info) : undefined;
    const asked = mode === 'format' ? asFormatRequest(request) : request;
    // `think` is sent only to models that have the capability (others answer 400); on unless the request says no.
    const think = info.supportsThinking ? (request.think ?? true) : undefined;
    let window = this.planner.plan(asked, info.contextLength, think === true);
    const limit = info.contextLength ?? UNKNOWN_LIMIT;
    if (window.promptTokens + MIN_ANSWER_TOKENS > limit) {
      throw new ModelError(
        'context-overflow',
        `The prompt needs about ${window.promptTokens} tokens but "${request.model}" holds at most ${limit} (with ${MIN_ANSWER_TOKENS} left for the answer); use a model with a larger context or a smaller task`,
      );
    }
    for (;;) {
      let sent;
      try {
        sent = await this.send(asked, window, think);
      } catch (error) {
        // The server's tokenizer counts more than Strata's estimate: learn from the refusal and ask once more in a larger window.
        const larger = error instanceof ModelError && error.kind === 'context-overflow' ? this.afterRefusal(asked, window, think, error) : undefined;
        if (!larger) throw error;
        window = larger;
        continue;
      }
      const { result, counts } = sent;
      const cutOff = result.finishReason === 'length';
      this.planner.observe(asked, { ...counts, cutOff });
      // Cut off because the window was full (not by a num_predict of the model's own): a larger one, while the model holds it.
      const larger = cutOff && windowFull(window, result) ? this.planner.enlarge(window, result.usage.outputTokens) : undefined;
      if (!larger) return { ...result, outputMode: mode, window };
      window = larger;
    }
  }

  /**
   * The window to try after the server refused the prompt as longer than `num_ctx` (its count, when the
   * message gives one, else a quarter more than the window): the calibration learns it; undefined when the new
   * plan is no larger (the model cannot hold it).
   */
  private afterRefusal(request: ChatRequest, window: ContextWindow, think: boolean | undefined, error: ModelError): ContextWindow | undefined {
    const counted = /\((\d+) tokens\)/.exec(error.message);
    this.planner.observe(request, { promptEvalCount: counted ? Number(counted[1]) : Math.ceil(window.numCtx * 1.25), cutOff: false });
    const next = this.planner.plan(request, window.limit, think === true);
    return next.numCtx > window.numCtx && next.promptTokens + MIN_ANSWER_TOKENS <= (window.limit ?? UNKNOWN_LIMIT) ? next : undefined;
  }

  /** One request to /api/chat in `window`, streamed or not; the answer assembled with the server's own counts. */
  private async send(request: ChatRequest, window: ContextWindow, think: boolean | undefined): Promise<{ result: ChatResult; counts: { promptEvalCount?: number; evalCount?: number } }> {
    const body = {
      model: request.model,
      messages: request.messages.map(toOllamaMessage),
      keep_alive: this.options.keepAlive ?? '10m',
      options: { num_ctx: window.numCtx, ...(request.temperature === undefined ? {} : { temperature: request.temperature }) },
      ...(request.tool
        ? { tools: [{ type: 'function', function: { name: request.tool.name, description: request.tool.description, parameters: request.tool.parameters } }] }
        : {}),
      ...(request.format && !request.tool ? { format: request.format } : {}),
      ...(think === undefined ? {} : { think }),
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
    const counted = (response: ChatResponse) => ({ promptEvalCount: response.prompt_eval_count, evalCount: response.eval_count });
    try {
      if (!request.stream) {
        const response = await client.chat({ ...body, stream: false });
        return { result: fromOllama(response, request), counts: counted(response) };
      }
      let content = '';
      let thinking = '';
      const toolCalls: ToolCall[] = [];
      let last: ChatResponse | undefined;
      for await (const part of await client.chat({ ...body, stream: true })) {
        if (part.message?.thinking) {
          thinking += part.message.thinking;
          request.onReasoning?.(part.message.thinking);
        }
        if (part.message?.content) {
          content += part.message.content;
          request.onText?.(part.message.content);
        }
        for (const call of part.message?.tool_calls ?? []) {
          toolCalls.push({ name: call.function.name, arguments: call.function.arguments });
          request.onToolArguments?.(JSON.stringify(call.function.arguments));
        }
        last = part;
      }
      if (!last?.done) throw streamEnded(this.label, content.length + thinking.length);
      heard();
      const whole = { ...last, message: { ...last.message, content, thinking, tool_calls: toolCalls.map((call) => ({ function: { name: call.name, arguments: call.arguments as Record<string, unknown> } })) } };
      return { result: fromOllama(whole, request), counts: counted(last) };
    } catch (error) {
      throw guard.failure(error);
    } finally {
      guard.dispose();
    }
  }

  private async show(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    const guard = RequestGuard.probe(this.label, this.timeouts.probeMs, signal);
    try {
      const shown = (await this.client(guard).show({ model })) as unknown as {
        capabilities?: string[];
        model_info?: Record<string, unknown>;
      };
      const contextEntry = Object.entries(shown.model_info ?? {}).find(([key]) => key.endsWith('.context_length'));
      const capabilities = shown.capabilities ?? [];
      return {
        name: model,
        supportsTools: capabilities.includes('tools'),
        supportsThinking: capabilities.includes('thinking'),
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

/**
 * Whether a cut-off answer filled the window (prompt and answer together near `num_ctx`), rather than
 * stopping at a `num_predict` of the model's own, which a larger window would not lift.
 */
function windowFull(window: ContextWindow, result: ChatResult): boolean {
  const room = window.numCtx - Math.min(window.promptTokens, result.usage.inputTokens);
  return result.usage.outputTokens >= room * 0.8;
}

/** A stream that ended without its final `done` line: the connection or the server broke off mid-answer. */
export function streamEnded(label: string, received: number): ModelError {
  return new ModelError(
    'unreachable',
    `${label} ended the stream before its final line (no "done"), after ${received.toLocaleString('en-US')} characters of the answer: the server stopped or the connection broke mid-answer`,
    undefined,
    { connection: 'dropped' },
  );
}

function fromOllama(response: ChatResponse, request: ChatRequest): ChatResult {
  const content = response.message?.content ?? '';
  const thinking = response.message?.thinking;
  const toolCalls = (response.message?.tool_calls ?? []).map((call) => ({ name: call.function.name, arguments: call.function.arguments }));
  const counted = typeof response.prompt_eval_count === 'number' && typeof response.eval_count === 'number';
  return {
    content,
    toolCalls,
    finishReason: response.done_reason,
    ...(thinking ? { thinking } : {}),
    usage: counted
      ? { inputTokens: response.prompt_eval_count, outputTokens: response.eval_count, counted: 'provider' }
      : estimateUsage(request, content + JSON.stringify(toolCalls)),
  };
}
