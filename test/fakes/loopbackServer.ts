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

/**
 * A fault a fake serves instead of its answer, as servers and gateways fail in practice:
 * an HTTP error (with an optional Retry-After header), a connection accepted and never answered, or
 * a connection reset before any byte.
 */
export type FakeFault = { status: number; message?: string; retryAfter?: string } | { hang: true } | { reset: true };

/** Faults queued per route (`POST /api/chat`, `GET /v1/models`), each served once, in order. */
export class FaultQueue {
  private readonly queued = new Map<string, FakeFault[]>();

  add(route: string, faults: FakeFault[]): void {
    this.queued.set(route, [...(this.queued.get(route) ?? []), ...faults]);
  }

  take(route: string): FakeFault | undefined {
    return this.queued.get(route)?.shift();
  }
}

/**
 * Serves a fault, or returns false for an HTTP error (the caller sends it in its own body format).
 * A hang holds the response until the client gives up or the server stops.
 */
export async function serveFault(response: ServerResponse, fault: FakeFault): Promise<boolean> {
  if ('reset' in fault) {
    response.socket?.destroy();
    return true;
  }
  if ('hang' in fault) {
    await untilClosed(response);
    return true;
  }
  return false;
}

/** Resolves when the client (or a stopping server) closes the connection. */
export function untilClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed || response.socket?.destroyed) return resolve();
    response.once('close', () => resolve());
  });
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
