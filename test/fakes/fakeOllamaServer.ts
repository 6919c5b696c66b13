import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeModel {
  name: string;
  /** Capabilities `/api/show` reports, e.g. `['completion', 'tools']`. */
  capabilities?: string[];
  contextLength?: number;
}

/**
 * An Ollama server on 127.0.0.1 that answers like the real one on the wire: JSON bodies, `{error}`
 * bodies with the real status codes, model names with tags. It grows with the model layer; the code
 * under test talks to it through the same client it uses against a real Ollama.
 */
export class FakeOllamaServer {
  readonly requests: { method: string; path: string; body: unknown }[] = [];
  private server: Server | undefined;

  constructor(public models: FakeModel[] = [{ name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'], contextLength: 32768 }]) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('FakeOllamaServer is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return send(response, 400, { error: 'invalid character in JSON body' });
    }
    const path = (request.url ?? '/').split('?')[0]!;
    this.requests.push({ method: request.method ?? 'GET', path, body });

    if (request.method === 'GET' && path === '/api/version') return send(response, 200, { version: '0.12.0' });
    if (request.method === 'GET' && path === '/api/tags') {
      return send(response, 200, {
        models: this.models.map((model) => ({
          name: model.name,
          model: model.name,
          modified_at: '2026-11-01T10:00:00.000000000Z',
          size: 4_683_087_332,
          digest: 'sha256:0000000000000000000000000000000000000000000000000000000000000000',
          details: { parent_model: '', format: 'gguf', family: 'qwen2', families: ['qwen2'], parameter_size: '7.6B', quantization_level: 'Q4_K_M' },
        })),
      });
    }
    if (request.method === 'POST' && path === '/api/show') {
      const name = (body as { model?: string } | undefined)?.model ?? '';
      const model = this.models.find((candidate) => candidate.name === name || candidate.name === `${name}:latest`);
      if (!model) return send(response, 404, { error: `model '${name}' not found` });
      return send(response, 200, {
        modelfile: '',
        parameters: '',
        template: '{{ .Prompt }}',
        details: { format: 'gguf', family: 'qwen2' },
        model_info: { 'general.architecture': 'qwen2', 'qwen2.context_length': model.contextLength ?? 32768 },
        capabilities: model.capabilities ?? ['completion'],
      });
    }
    // Ollama's router answers unknown paths in plain text, not JSON.
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('404 page not found');
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}
