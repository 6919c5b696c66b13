import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FakeFault, FaultQueue, LoopbackServer, readBody, serveFault, untilClosed } from './loopbackServer';

/** What Ollama answers with 503 when its queue is full (OLLAMA_MAX_QUEUE). */
export const OLLAMA_BUSY = 'server busy, please try again.  maximum pending requests exceeded';

export interface FakeModel {
  name: string;
  /** Capabilities `/api/show` reports; `tools` is needed for tool calling. */
  capabilities?: string[];
  contextLength?: number;
}

/** The chat request as Ollama receives it on the wire. */
export interface WireChatRequest {
  model: string;
  messages: { role: string; content: string; tool_calls?: unknown[]; tool_name?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  format?: unknown;
  think?: boolean | string;
  stream?: boolean;
  keep_alive?: string | number;
  options?: { num_ctx?: number; temperature?: number };
}

/** What the fake answers to one chat request. */
export interface FakeReply {
  content?: string;
  /**
   * Reasoning the model writes before its answer: in `message.thinking` when the request says `think: true`
   * (the model must have the `thinking` capability), inline as `<think>…</think>` before the content when
   * `think` is left out (as templates of thinking models do), dropped with `think: false`.
   */
  thinking?: string;
  /** End with this `done_reason` whatever the window (`length` where a `num_predict` cut the answer). */
  doneReason?: string;
  /** Tool calls with object arguments, as Ollama sends them. */
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  /** Wait this long before answering (a slow or cold model). */
  delayMs?: number;
  /** Answer with this HTTP status and `{error}` body instead (and a Retry-After header, when given). */
  error?: { status: number; message: string; retryAfter?: string };
  /** Accept the request and never answer (no headers, no byte), until the client gives up. */
  neverAnswer?: boolean;
  /** Close the connection before any byte of the answer (a reset). */
  resetBeforeHeaders?: boolean;
  /** When streaming: send this many chunks, then nothing more while keeping the connection open. */
  stallAfterChunks?: number;
  /** When streaming: close the connection after this many chunks, without the final `done` line. */
  dropAfterChunks?: number;
  /** When streaming: end the response cleanly after the answer's chunks, without the final `done` line. */
  endWithoutDone?: boolean;
  /** When streaming: wait this long between chunks. */
  chunkDelayMs?: number;
}

export type Responder = (request: WireChatRequest) => FakeReply | Promise<FakeReply>;

/**
 * An Ollama server on 127.0.0.1, faithful to the wire format the `ollama` client speaks: JSON bodies
 * with `created_at` strings and token counts, NDJSON streaming ending in a `done: true` line, tool calls
 * with object arguments, `{error}` bodies with Ollama's status codes (404 for an unknown model, 400 for a
 * model without tools or a prompt over `num_ctx`), plain-text 404 for unknown paths.
 */
export class FakeOllamaServer extends LoopbackServer {
  /** Every request received, with when it arrived (ms since the epoch). */
  readonly requests: { method: string; path: string; body: unknown; at: number; closedAt?: number }[] = [];
  /** Decides each chat answer; the default echoes a short text. */
  responder: Responder = () => ({ content: 'ok' });
  /** Refuse prompts over `num_ctx` with 400, as newer servers do, instead of truncating silently. */
  rejectOverflow = true;
  /** Characters per token of the model's tokenizer, for `prompt_eval_count`, `eval_count` and what fits in `num_ctx`. */
  charsPerToken = 4;
  /**
   * Cut an answer that does not fit in `num_ctx` after the prompt, ending with `done_reason: "length"`,
   * as Ollama does: a tool call cut off is no tool call, its partial text comes as content.
   */
  cutAtContext = true;
  private readonly faults = new FaultQueue();

  constructor(public models: FakeModel[] = [{ name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'], contextLength: 32768 }]) {
    super();
  }

  get url(): string {
    return this.origin;
  }

  /**
   * The next requests on `route` (`GET /api/tags`, `POST /api/show`, `POST /api/chat`) get these
   * faults, one each, before the server answers normally again. An HTTP fault without a message gets
   * Ollama's own: the busy message for 503.
   */
  failNext(route: string, ...faults: FakeFault[]): this {
    this.faults.add(route, faults);
    return this;
  }

  get chatRequests(): WireChatRequest[] {
    return this.requests.filter((request) => request.path === '/api/chat').map((request) => request.body as WireChatRequest);
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // When the request arrived (its headers), not when its body was read.
    const arrived = Date.now();
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return send(response, 400, { error: 'invalid character in JSON body' });
    }
    const path = (request.url ?? '/').split('?')[0]!;
    const entry: (typeof this.requests)[number] = { method: request.method ?? 'GET', path, body, at: arrived };
    this.requests.push(entry);
    // When the exchange ended: for a request the server never answers, the moment the client gave up.
    response.on('close', () => (entry.closedAt ??= Date.now()));
    const route = `${request.method} ${path}`;
    const fault = this.faults.take(route);
    if (fault && !(await serveFault(response, fault)) && 'status' in fault) {
      return send(response, fault.status, { error: fault.message ?? (fault.status === 503 ? OLLAMA_BUSY : fault.status === 429 ? 'too many requests' : 'internal server error') }, fault.retryAfter);
    }
    if (fault) return;

    if (route === 'GET /api/version') return send(response, 200, { version: '0.12.0' });
    if (route === 'GET /api/tags') return send(response, 200, { models: this.models.map(tagEntry) });
    if (route === 'POST /api/show') {
      const model = this.find((body as { model?: string })?.model);
      if (!model) return send(response, 404, { error: `model '${(body as { model?: string })?.model}' not found` });
      return send(response, 200, {
        modelfile: '',
        parameters: '',
        template: '{{ .Prompt }}',
        details: { parent_model: '', format: 'gguf', family: 'qwen2', families: ['qwen2'], parameter_size: '7.6B', quantization_level: 'Q4_K_M' },
        model_info: { 'general.architecture': 'qwen2', 'qwen2.context_length': model.contextLength ?? 32768 },
        capabilities: model.capabilities ?? ['completion'],
        modified_at: '2026-11-01T10:00:00.000000000Z',
      });
    }
    if (route === 'POST /api/embed') return this.embed(body as { model?: string; input?: string | string[] }, response);
    if (route === 'POST /api/chat') return this.chat(body as WireChatRequest, response);
    // Ollama's router answers unknown paths in plain text, not JSON.
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('404 page not found');
  }

  private async chat(request: WireChatRequest, response: ServerResponse): Promise<void> {
    const model = this.find(request.model);
    if (!model) return send(response, 404, { error: `model "${request.model}" not found, try pulling it first` });
    if (request.tools?.length && !(model.capabilities ?? []).includes('tools')) {
      return send(response, 400, { error: `registry.ollama.ai/library/${request.model} does not support tools` });
    }
    if (request.think !== undefined && request.think !== false && !(model.capabilities ?? []).includes('thinking')) {
      return send(response, 400, { error: `"${request.model}" does not support thinking` });
    }
    // The prompt as the template renders it: messages, and the tools offered.
    const promptTokens = Math.ceil((JSON.stringify(request.messages).length + (request.tools ? JSON.stringify(request.tools).length : 0)) / this.charsPerToken);
    const numCtx = request.options?.num_ctx ?? 4096;
    if (this.rejectOverflow && promptTokens > numCtx) {
      // Ollama's own words: no counts.
      return send(response, 400, { error: 'the input length exceeds the context length' });
    }

    const reply = await this.responder(request);
    if (reply.resetBeforeHeaders) return void response.socket?.destroy();
    if (reply.neverAnswer) return untilClosed(response);
    if (reply.delayMs) await sleep(reply.delayMs);
    if (response.destroyed) return;
    if (reply.error) return send(response, reply.error.status, { error: reply.error.message }, reply.error.retryAfter);

    const generated = this.generate(request, reply, numCtx - promptTokens);
    const { content, thinking, toolCalls } = generated;
    const final = {
      model: request.model,
      created_at: new Date().toISOString(),
      done: true,
      done_reason: reply.doneReason ?? (generated.cutOff ? 'length' : 'stop'),
      total_duration: 1_200_000_000,
      load_duration: 20_000_000,
      prompt_eval_count: promptTokens,
      prompt_eval_duration: 300_000_000,
      eval_count: generated.evalCount,
      eval_duration: 800_000_000,
    };
    // The client always sends `stream`; a missing field means streaming, as in Ollama.
    if (request.stream === false) {
      return send(response, 200, { ...final, message: { role: 'assistant', content, ...(thinking ? { thinking } : {}), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) } });
    }

    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const line = (message: object) => ({ model: request.model, created_at: new Date().toISOString(), message: { role: 'assistant', content: '', ...message }, done: false });
    const lines: object[] = [
      ...(thinking.match(/[\s\S]{1,12}/g) ?? []).map((piece) => line({ thinking: piece })),
      ...(content.match(/[\s\S]{1,12}/g) ?? []).map((piece) => line({ content: piece })),
    ];
    if (toolCalls.length) lines.push({ model: request.model, created_at: new Date().toISOString(), message: { role: 'assistant', content: '', tool_calls: toolCalls }, done: false });
    for (const [index, line] of lines.entries()) {
      if (reply.dropAfterChunks !== undefined && index >= reply.dropAfterChunks) {
        response.destroy();
        return;
      }
      if (reply.stallAfterChunks !== undefined && index >= reply.stallAfterChunks) return untilClosed(response);
      response.write(`${JSON.stringify(line)}\n`);
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (response.destroyed) return;
    }
    if (reply.dropAfterChunks !== undefined) {
      response.destroy();
      return;
    }
    if (reply.stallAfterChunks !== undefined) return untilClosed(response);
    if (reply.endWithoutDone) return void response.end();
    response.end(`${JSON.stringify({ ...final, message: { role: 'assistant', content: '' } })}\n`);
  }

  /**
   * What the model writes for `reply` within `room` tokens: reasoning first (apart, inline or dropped, as
   * `think` asks), then the content and any tool call; cut where the room ends.
   */
  private generate(request: WireChatRequest, reply: FakeReply, room: number) {
    const separate = request.think !== undefined && request.think !== false;
    const reasoning = request.think === false ? '' : (reply.thinking ?? '');
    const inline = reasoning && !separate ? `<think>${reasoning}</think>\n` : '';
    let thinking = separate ? reasoning : '';
    let content = inline + (reply.content ?? '');
    let toolCalls = (reply.toolCalls ?? []).map((call) => ({ function: { name: call.name, arguments: call.arguments } }));
    const callText = toolCalls.map((call) => JSON.stringify({ name: call.function.name, arguments: call.function.arguments })).join('\n');
    const written = thinking.length + content.length + callText.length;
    const evalCount = Math.max(1, Math.ceil(written / this.charsPerToken));
    if (!this.cutAtContext || evalCount <= room) return { thinking, content, toolCalls, evalCount, cutOff: false };
    const chars = Math.floor(Math.max(0, room) * this.charsPerToken);
    const all = thinking + content + callText;
    const kept = all.slice(0, chars);
    thinking = kept.slice(0, thinking.length);
    content = kept.slice(thinking.length);
    toolCalls = [];
    return { thinking, content, toolCalls, evalCount: Math.max(0, room), cutOff: true };
  }

  private embed(body: { model?: string; input?: string | string[] }, response: ServerResponse): void {
    if (!this.find(body?.model)) return send(response, 404, { error: `model "${body?.model}" not found, try pulling it first` });
    const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ''];
    send(response, 200, {
      model: body.model,
      embeddings: inputs.map(embedding),
      total_duration: 14_000_000,
      load_duration: 1_000_000,
      prompt_eval_count: inputs.reduce((sum, input) => sum + Math.ceil(input.length / 4), 0),
    });
  }

  private find(name: string | undefined): FakeModel | undefined {
    return this.models.find((model) => model.name === name || model.name === `${name}:latest`);
  }
}

function tagEntry(model: FakeModel) {
  return {
    name: model.name,
    model: model.name,
    modified_at: '2026-11-01T10:00:00.000000000Z',
    size: 4_683_087_332,
    digest: createHash('sha256').update(model.name).digest('hex'),
    details: { parent_model: '', format: 'gguf', family: 'qwen2', families: ['qwen2'], parameter_size: '7.6B', quantization_level: 'Q4_K_M' },
  };
}

/** A deterministic, normalised 16-dimensional vector from word hashes: similar texts share words, so directions. */
function embedding(text: string): number[] {
  const vector = new Array<number>(16).fill(0);
  for (const word of text.toLowerCase().split(/\W+/).filter(Boolean)) {
    const hash = createHash('md5').update(word).digest();
    vector[hash[0]! % 16]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function send(response: ServerResponse, status: number, body: unknown, retryAfter?: string): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
  });
  response.end(json);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
