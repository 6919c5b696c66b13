import type { ChatMessage, ChatRequest, ChatResult, ModelInfo, ModelProvider, ToolCall } from './chat';
import { ModelError } from './errors';
import { DEFAULT_TIMEOUTS, type Timeouts } from './limits';
import { asFormatRequest, type OutputModeSetting, resolveOutputMode } from './outputMode';
import { RequestGuard } from './requestGuard';
import { estimateUsage } from './tokens';

export interface OpenAICompatibleOptions {
  /** Base URL ending in `/v1`. */
  baseUrl: string;
  apiKey?: string;
  /** Time limits (defaults: DEFAULT_TIMEOUTS, the settings' defaults). */
  timeouts?: Partial<Timeouts>;
  /** How typed answers are asked for; `auto` is tools, since these servers do not advertise capabilities. */
  outputMode?: OutputModeSetting;
}

interface WireToolCall {
  id?: string;
  index?: number;
  function?: { name?: string; arguments?: string };
}

/** Any server with OpenAI's `/v1/chat/completions`: vLLM, LM Studio, llama.cpp server, gateways. */
export class OpenAICompatibleProvider implements ModelProvider {
  readonly id = 'openai-compatible';
  readonly label: string;
  private readonly timeouts: Timeouts;
  /** Models that have sent a byte on this provider: until then their calls get the load allowance (LM Studio and others load on demand). */
  private readonly warm = new Set<string>();

  constructor(private readonly options: OpenAICompatibleOptions) {
    this.label = `OpenAI-compatible server at ${options.baseUrl}`;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const json = (await this.probe('/models', signal)) as { data?: { id?: unknown }[] };
    return (json.data ?? []).map((model) => String(model.id)).sort();
  }

  async describe(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    const json = (await this.probe('/models', signal)) as {
      data?: { id?: unknown; max_model_len?: unknown; context_length?: unknown }[];
    };
    const entry = (json.data ?? []).find((candidate) => candidate.id === model);
    if (!entry) throw new ModelError('model-not-found', `Model "${model}" is not served by ${this.label}`, 404);
    // vLLM says `max_model_len`, gateways `context_length`; tool support is not advertised, so assume it.
    const length = typeof entry.max_model_len === 'number' ? entry.max_model_len : typeof entry.context_length === 'number' ? entry.context_length : undefined;
    return { name: model, supportsTools: true, contextLength: length };
  }

  async chat(incoming: ChatRequest): Promise<ChatResult> {
    const mode = incoming.tool ? resolveOutputMode(this.options.outputMode ?? 'auto', { name: incoming.model, supportsTools: true }) : undefined;
    const request = mode === 'format' ? asFormatRequest(incoming) : incoming;
    const result = await this.sendChat(request);
    return { ...result, outputMode: mode };
  }

  private async sendChat(request: ChatRequest): Promise<ChatResult> {
    const body = {
      model: request.model,
      messages: request.messages.map(toWireMessage),
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.tool
        ? {
            tools: [{ type: 'function', function: { name: request.tool.name, description: request.tool.description, parameters: request.tool.parameters } }],
            tool_choice: { type: 'function', function: { name: request.tool.name } },
          }
        : {}),
      ...(request.format && !request.tool ? { response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: request.format } } } : {}),
      ...(request.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    };
    const guard = RequestGuard.chat(
      this.label,
      request.model,
      {
        firstByte: this.warm.has(request.model) ? { limit: 'first-byte', ms: this.timeouts.firstByteMs } : { limit: 'load', ms: this.timeouts.loadMs },
        idleMs: this.timeouts.idleMs,
        callMs: this.timeouts.callMs,
        onFirstByte: () => this.warm.add(request.model),
      },
      request.signal,
    );
    try {
      if (!request.stream) {
        const json = (await this.send(guard, 'POST', '/chat/completions', body).then((response) => response.json())) as {
          choices?: { message?: { content?: string | null; reasoning_content?: string | null; tool_calls?: WireToolCall[] }; finish_reason?: string }[];
          usage?: { prompt_tokens?: number; completion_tokens?: number };
        };
        const choice = json.choices?.[0];
        if (!choice) throw new ModelError('bad-response', `${this.label} answered without a choice`);
        const result = this.result(request, choice.message?.content ?? '', (choice.message?.tool_calls ?? []).map(fromWireCall), choice.finish_reason, json.usage);
        return choice.message?.reasoning_content ? { ...result, thinking: choice.message.reasoning_content } : result;
      }
      return await this.streamChat(guard, request, body);
    } catch (error) {
      throw guard.failure(error);
    } finally {
      guard.dispose();
    }
  }

  private async streamChat(guard: RequestGuard, request: ChatRequest, body: unknown): Promise<ChatResult> {
    const response = await this.send(guard, 'POST', '/chat/completions', body);
    let content = '';
    let thinking = '';
    let finishReason: string | undefined;
    let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
    let sawDone = false;
    const calls = new Map<number, { name: string; arguments: string }>();
    for await (const data of serverSentEvents(response)) {
      if (data === '[DONE]') {
        sawDone = true;
        break;
      }
      const chunk = JSON.parse(data) as {
        choices?: { delta?: { content?: string | null; reasoning_content?: string | null; tool_calls?: WireToolCall[] }; finish_reason?: string | null }[];
        usage?: { prompt_tokens?: number; completion_tokens?: number };
      };
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices ?? []) {
        if (choice.delta?.reasoning_content) {
          thinking += choice.delta.reasoning_content;
          request.onReasoning?.(choice.delta.reasoning_content);
        }
        if (choice.delta?.content) {
          content += choice.delta.content;
          request.onText?.(choice.delta.content);
        }
        for (const call of choice.delta?.tool_calls ?? []) {
          const slot = calls.get(call.index ?? 0) ?? { name: '', arguments: '' };
          slot.name += call.function?.name ?? '';
          slot.arguments += call.function?.arguments ?? '';
          calls.set(call.index ?? 0, slot);
          if (call.function?.arguments) request.onToolArguments?.(call.function.arguments);
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
    }
    if (!sawDone && !finishReason) {
      throw new ModelError(
        'unreachable',
        `${this.label} ended the stream before its final event (no finish_reason, no [DONE]), after ${content.length.toLocaleString('en-US')} characters of the answer: the server stopped or the connection broke mid-answer`,
        undefined,
        { connection: 'dropped' },
      );
    }
    const toolCalls = [...calls.values()].map((call) => fromWireCall({ function: call }));
    const result = this.result(request, content, toolCalls, finishReason, usage);
    return thinking ? { ...result, thinking } : result;
  }

  private result(
    request: ChatRequest,
    content: string,
    toolCalls: ToolCall[],
    finishReason: string | undefined,
    usage: { prompt_tokens?: number; completion_tokens?: number } | undefined,
  ): ChatResult {
    const counted = typeof usage?.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number';
    return {
      content,
      toolCalls,
      finishReason,
      usage: counted
        ? { inputTokens: usage!.prompt_tokens!, outputTokens: usage!.completion_tokens!, counted: 'provider' }
        : estimateUsage(request, content + toolCalls.map((call) => call.rawArguments ?? JSON.stringify(call.arguments)).join('')),
    };
  }

  /** A GET under the probe limit, its JSON answer read. */
  private async probe(path: string, signal: AbortSignal | undefined): Promise<unknown> {
    const guard = RequestGuard.probe(this.label, this.timeouts.probeMs, signal);
    try {
      return await (await this.send(guard, 'GET', path, undefined)).json();
    } catch (error) {
      throw guard.failure(error);
    } finally {
      guard.dispose();
    }
  }

  /** Sends one request under `guard`; a non-2xx answer throws its ModelError (status, message, Retry-After). */
  private async send(guard: RequestGuard, method: string, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    try {
      return await guard.fetch(`${this.options.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      const mapped = guard.failure(error);
      if (mapped.status === 401 || mapped.status === 403) {
        throw new ModelError('http', `${this.label} refused the API key (HTTP ${mapped.status}): run "Strata: Set API Key"`, mapped.status);
      }
      throw mapped;
    }
  }
}

function toWireMessage(message: ChatMessage): unknown {
  switch (message.role) {
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        ...(message.toolCalls
          ? { tool_calls: message.toolCalls.map((call, index) => ({ id: `call_${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } })) }
          : {}),
      };
    case 'tool':
      // Strata offers one tool per turn, so a tool result answers the turn's only call, numbered above.
      return { role: 'tool', content: message.content, tool_call_id: 'call_0' };
    default:
      return { role: message.role, content: message.content };
  }
}

function fromWireCall(call: WireToolCall): ToolCall {
  const raw = call.function?.arguments ?? '';
  try {
    return { name: call.function?.name ?? '', arguments: raw === '' ? {} : JSON.parse(raw) };
  } catch {
    return { name: call.function?.name ?? '', arguments: undefined, rawArguments: raw };
  }
}

/** The `data:` payloads of a server-sent-events body. */
async function* serverSentEvents(response: Response): AsyncGenerator<string> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, boundary).replace(/\r$/, '');
      buffer = buffer.slice(boundary + 1);
      if (line.startsWith('data:')) yield line.slice(5).trim();
    }
  }
}
