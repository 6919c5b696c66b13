import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Responder, WireChatRequest } from './fakeOllamaServer';
import { type FakeFault, FaultQueue, LoopbackServer, readBody, serveFault, untilClosed } from './loopbackServer';

/**
 * An OpenAI-compatible server on 127.0.0.1 (`/v1/models`, `/v1/chat/completions`), as vLLM and LM
 * Studio answer: tool-call arguments as JSON strings, SSE streaming ending in `data: [DONE]`, usage
 * in a last chunk when asked, `{error: {message, type, code}}` bodies.
 */
export class FakeOpenAIServer extends LoopbackServer {
  /** Every request received, with when it arrived (ms since the epoch). */
  readonly requests: { method: string; path: string; body: unknown; authorization?: string; at: number }[] = [];
  responder: Responder = () => ({ content: 'ok' });
  /** Maximum context as vLLM reports it in `/v1/models` (`max_model_len`). */
  maxModelLen = 32768;
  private readonly faults = new FaultQueue();

  constructor(public models: string[] = ['qwen2.5-coder-32b'], private readonly apiKey?: string) {
    super();
  }

  get url(): string {
    return `${this.origin}/v1`;
  }

  /**
   * The next requests on `route` (`GET /v1/models`, `POST /v1/chat/completions`) get these faults,
   * one each. HTTP faults come as gateways send them: a 429 with a Retry-After header when given,
   * `{error: {message, type, code}}` bodies.
   */
  failNext(route: string, ...faults: FakeFault[]): this {
    this.faults.add(route, faults);
    return this;
  }

  get chatRequests(): WireChatRequest[] {
    return this.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.body as WireChatRequest);
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const body = text ? JSON.parse(text) : undefined;
    const path = (request.url ?? '/').split('?')[0]!;
    this.requests.push({ method: request.method ?? 'GET', path, body, authorization: request.headers.authorization, at: Date.now() });
    const fault = this.faults.take(`${request.method} ${path}`);
    if (fault && !(await serveFault(response, fault)) && 'status' in fault) {
      const message = fault.message ?? (fault.status === 429 ? 'Rate limit reached for requests. Please try again later.' : 'The server is overloaded or not ready yet.');
      return error(response, fault.status, message, fault.status === 429 ? 'rate_limit_exceeded' : 'server_error', fault.retryAfter);
    }
    if (fault) return;
    if (this.apiKey && request.headers.authorization !== `Bearer ${this.apiKey}`) {
      return error(response, 401, 'Incorrect API key provided', 'invalid_api_key');
    }
    if (request.method === 'GET' && path === '/v1/models') {
      return json(response, 200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', owned_by: 'local', max_model_len: this.maxModelLen })) });
    }
    if (request.method === 'POST' && path === '/v1/chat/completions') return this.chat(body as WireChatRequest & { stream_options?: { include_usage?: boolean } }, response);
    error(response, 404, `Not found: ${path}`, 'not_found');
  }

  private async chat(request: WireChatRequest & { stream_options?: { include_usage?: boolean } }, response: ServerResponse): Promise<void> {
    if (!this.models.includes(request.model)) return error(response, 404, `The model \`${request.model}\` does not exist.`, 'model_not_found');
    const promptTokens = Math.ceil(JSON.stringify(request.messages).length / 4);
    if (promptTokens > this.maxModelLen) {
      return error(response, 400, `This model's maximum context length is ${this.maxModelLen} tokens. However, you requested ${promptTokens} tokens.`, 'context_length_exceeded');
    }
    const reply = await this.responder(request);
    if (reply.resetBeforeHeaders) return void response.socket?.destroy();
    if (reply.neverAnswer) return untilClosed(response);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (response.destroyed) return;
    if (reply.error) return error(response, reply.error.status, reply.error.message, 'server_error', reply.error.retryAfter);

    const content = reply.content ?? '';
    const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({ id: `call_${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
    const usage = { prompt_tokens: promptTokens, completion_tokens: Math.max(1, Math.ceil((content.length + (reply.thinking ?? '').length + JSON.stringify(toolCalls).length) / 4)) };
    const finish = reply.doneReason ?? (toolCalls.length ? 'tool_calls' : 'stop');
    // Reasoning as vLLM's reasoning parsers and llama.cpp send it: `reasoning_content` beside the content.
    const reasoning = reply.thinking ?? '';
    const base = { id: 'chatcmpl-fake', created: Math.floor(Date.now() / 1000), model: request.model };
    if (!request.stream) {
      return json(response, 200, {
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: toolCalls.length && !content ? null : content, ...(reasoning ? { reasoning_content: reasoning } : {}), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) }, finish_reason: finish }],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      });
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (choices: unknown[], extra: object = {}) => `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
    const events = [
      ...(reasoning.match(/[\s\S]{1,12}/g) ?? []).map((piece) => chunk([{ index: 0, delta: { reasoning_content: piece }, finish_reason: null }])),
      ...(content.match(/[\s\S]{1,12}/g) ?? []).map((piece) => chunk([{ index: 0, delta: { content: piece }, finish_reason: null }])),
    ];
    for (const call of toolCalls) {
      // Arguments arrive in pieces, as real servers send them.
      const args = call.function.arguments;
      events.push(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.function.name, arguments: args.slice(0, 10) } }] }, finish_reason: null }]));
      events.push(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args.slice(10) } }] }, finish_reason: null }]));
    }
    for (const [index, event] of events.entries()) {
      if (reply.dropAfterChunks !== undefined && index >= reply.dropAfterChunks) return void response.destroy();
      if (reply.stallAfterChunks !== undefined && index >= reply.stallAfterChunks) return untilClosed(response);
      response.write(event);
      if (reply.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
      if (response.destroyed) return;
    }
    if (reply.dropAfterChunks !== undefined) return void response.destroy();
    if (reply.stallAfterChunks !== undefined) return untilClosed(response);
    if (reply.endWithoutDone) return void response.end();
    response.write(chunk([{ index: 0, delta: {}, finish_reason: finish }]));
    if (request.stream_options?.include_usage) response.write(chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }));
    response.end('data: [DONE]\n\n');
  }
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function error(response: ServerResponse, status: number, message: string, code: string, retryAfter?: string): void {
  const type = status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error';
  json(response, status, { error: { message, type, code } }, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
}
