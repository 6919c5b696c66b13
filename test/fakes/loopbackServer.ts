import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server on 127.0.0.1 with a free port, for the fakes; subclasses answer requests. */
export abstract class LoopbackServer {
  private server: Server | undefined;

  protected abstract handle(request: IncomingMessage, response: ServerResponse): Promise<void>;

  /** `http://127.0.0.1:PORT`; throws when the server is not listening. */
  protected get origin(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error(`${this.constructor.name} is not listening`);
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch(() => response.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Stops at once, cutting open connections (a server that dies). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
