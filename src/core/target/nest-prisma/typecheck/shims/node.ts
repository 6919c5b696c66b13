/**
 * Node's globals (`process`, `Buffer`, `console`, timers, URL, `import.meta.dirname`) and the built-in
 * modules generated code reaches for, with `node:` and bare names, as @types/node 20 declares them
 * (the parts a backend uses).
 */
export const NODE_GLOBALS = `declare namespace NodeJS {
  interface ProcessEnv { [key: string]: string | undefined; TZ?: string }
  interface MemoryUsage { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number }
  interface WriteStream { write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean; isTTY?: boolean }
  interface Process {
    env: ProcessEnv;
    argv: string[];
    execArgv: string[];
    execPath: string;
    exitCode?: number | string | undefined;
    pid: number;
    platform: string;
    arch: string;
    version: string;
    versions: { [key: string]: string | undefined; node: string };
    stdout: WriteStream;
    stderr: WriteStream;
    stdin: any;
    exit(code?: number | string | null): never;
    cwd(): string;
    chdir(directory: string): void;
    uptime(): number;
    memoryUsage(): MemoryUsage;
    hrtime: { (time?: [number, number]): [number, number]; bigint(): bigint };
    nextTick(callback: (...args: any[]) => void, ...args: any[]): void;
    emitWarning(warning: string | Error, type?: string): void;
    kill(pid: number, signal?: string | number): true;
    on(event: string, listener: (...args: any[]) => void): this;
    once(event: string, listener: (...args: any[]) => void): this;
    prependListener(event: string, listener: (...args: any[]) => void): this;
    prependOnceListener(event: string, listener: (...args: any[]) => void): this;
    off(event: string, listener: (...args: any[]) => void): this;
    removeListener(event: string, listener: (...args: any[]) => void): this;
  }
  interface Timeout { ref(): this; unref(): this; hasRef(): boolean; refresh(): this; [Symbol.toPrimitive](): number }
  interface Immediate { ref(): this; unref(): this; hasRef(): boolean }
}
declare var process: NodeJS.Process;
declare var global: typeof globalThis;

type BufferEncoding = 'ascii' | 'utf8' | 'utf-8' | 'utf16le' | 'utf-16le' | 'ucs2' | 'ucs-2' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'hex';
interface Buffer extends Uint8Array<ArrayBuffer> {
  toString(encoding?: BufferEncoding, start?: number, end?: number): string;
  toJSON(): { type: 'Buffer'; data: number[] };
  equals(otherBuffer: Uint8Array): boolean;
  compare(target: Uint8Array, targetStart?: number, targetEnd?: number, sourceStart?: number, sourceEnd?: number): -1 | 0 | 1;
  copy(target: Uint8Array, targetStart?: number, sourceStart?: number, sourceEnd?: number): number;
  write(string: string, encoding?: BufferEncoding): number;
  subarray(start?: number, end?: number): Buffer;
  slice(start?: number, end?: number): Buffer;
  readUInt8(offset?: number): number;
  readUInt32BE(offset?: number): number;
  writeUInt32BE(value: number, offset?: number): number;
}
interface BufferConstructor {
  from(data: string, encoding?: BufferEncoding): Buffer;
  from(data: Uint8Array | ReadonlyArray<number> | ArrayBuffer | SharedArrayBuffer): Buffer;
  alloc(size: number, fill?: string | number | Uint8Array, encoding?: BufferEncoding): Buffer;
  allocUnsafe(size: number): Buffer;
  concat(list: ReadonlyArray<Uint8Array>, totalLength?: number): Buffer;
  byteLength(value: string | ArrayBufferView | ArrayBuffer, encoding?: BufferEncoding): number;
  isBuffer(value: unknown): value is Buffer;
  isEncoding(encoding: string): encoding is BufferEncoding;
  compare(buf1: Uint8Array, buf2: Uint8Array): -1 | 0 | 1;
  readonly prototype: Buffer;
}
declare var Buffer: BufferConstructor;

interface Console {
  log(...data: any[]): void;
  info(...data: any[]): void;
  warn(...data: any[]): void;
  error(...data: any[]): void;
  debug(...data: any[]): void;
  trace(...data: any[]): void;
  dir(item?: any, options?: any): void;
  table(tabularData?: any, properties?: string[]): void;
  assert(condition?: boolean, ...data: any[]): void;
  count(label?: string): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
  timeLog(label?: string, ...data: any[]): void;
  group(...data: any[]): void;
  groupEnd(): void;
}
declare var console: Console;

declare function setTimeout<TArgs extends any[]>(callback: (...args: TArgs) => void, ms?: number, ...args: TArgs): NodeJS.Timeout;
declare function clearTimeout(timeout: NodeJS.Timeout | string | number | undefined): void;
declare function setInterval<TArgs extends any[]>(callback: (...args: TArgs) => void, ms?: number, ...args: TArgs): NodeJS.Timeout;
declare function clearInterval(interval: NodeJS.Timeout | string | number | undefined): void;
declare function setImmediate<TArgs extends any[]>(callback: (...args: TArgs) => void, ...args: TArgs): NodeJS.Immediate;
declare function clearImmediate(immediate: NodeJS.Immediate | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T, options?: { transfer?: any[] }): T;
declare function fetch(input: string | URL, init?: { [key: string]: any }): Promise<any>;

interface URL {
  hash: string; host: string; hostname: string; href: string; readonly origin: string; password: string; pathname: string;
  port: string; protocol: string; search: string; readonly searchParams: URLSearchParams; username: string;
  toString(): string;
  toJSON(): string;
}
declare var URL: { prototype: URL; new (input: string | URL, base?: string | URL): URL; canParse(input: string, base?: string): boolean };
interface URLSearchParams {
  readonly size: number;
  append(name: string, value: string): void;
  delete(name: string, value?: string): void;
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string, value?: string): boolean;
  set(name: string, value: string): void;
  sort(): void;
  forEach(callback: (value: string, key: string, parent: URLSearchParams) => void): void;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
  entries(): IterableIterator<[string, string]>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
  toString(): string;
}
declare var URLSearchParams: { prototype: URLSearchParams; new (init?: string | Record<string, string> | ReadonlyArray<[string, string]> | URLSearchParams): URLSearchParams };
interface TextEncoder { readonly encoding: string; encode(input?: string): Uint8Array<ArrayBuffer> }
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };
interface TextDecoder { readonly encoding: string; decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string }
declare var TextDecoder: { prototype: TextDecoder; new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder };
interface AbortSignal { readonly aborted: boolean; readonly reason: any; throwIfAborted(): void }
declare var AbortSignal: { prototype: AbortSignal; abort(reason?: any): AbortSignal; timeout(ms: number): AbortSignal };
interface AbortController { readonly signal: AbortSignal; abort(reason?: any): void }
declare var AbortController: { prototype: AbortController; new (): AbortController };
declare var performance: { now(): number; timeOrigin: number };

interface ImportMeta {
  url: string;
  dirname: string;
  filename: string;
  resolve(specifier: string): string;
}
`;

const CRYPTO = `  type BinaryLike = string | ArrayBufferView;
  type BinaryToTextEncoding = 'base64' | 'base64url' | 'hex' | 'binary';
  export interface ScryptOptions { cost?: number; blockSize?: number; parallelization?: number; N?: number; r?: number; p?: number; maxmem?: number }
  export interface Hash { update(data: BinaryLike, inputEncoding?: BufferEncoding): Hash; digest(): Buffer; digest(encoding: BinaryToTextEncoding): string; copy(): Hash }
  export interface Hmac { update(data: BinaryLike, inputEncoding?: BufferEncoding): Hmac; digest(): Buffer; digest(encoding: BinaryToTextEncoding): string }
  export function randomBytes(size: number): Buffer;
  export function randomBytes(size: number, callback: (err: Error | null, buf: Buffer) => void): void;
  export function randomUUID(options?: { disableEntropyCache?: boolean }): \`\${string}-\${string}-\${string}-\${string}-\${string}\`;
  export function randomInt(max: number): number;
  export function randomInt(min: number, max: number): number;
  export function getRandomValues<T extends ArrayBufferView>(typedArray: T): T;
  export function scrypt(password: BinaryLike, salt: BinaryLike, keylen: number, callback: (err: Error | null, derivedKey: Buffer) => void): void;
  export function scrypt(password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions, callback: (err: Error | null, derivedKey: Buffer) => void): void;
  export function scryptSync(password: BinaryLike, salt: BinaryLike, keylen: number, options?: ScryptOptions): Buffer;
  export function pbkdf2(password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: string, callback: (err: Error | null, derivedKey: Buffer) => void): void;
  export function pbkdf2Sync(password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: string): Buffer;
  export function timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean;
  export function createHash(algorithm: string, options?: { outputLength?: number }): Hash;
  export function createHmac(algorithm: string, key: BinaryLike, options?: { [key: string]: unknown }): Hmac;`;

const UTIL = `  export function promisify<TResult>(fn: (callback: (err: any, result: TResult) => void) => void): () => Promise<TResult>;
  export function promisify(fn: (callback: (err?: any) => void) => void): () => Promise<void>;
  export function promisify<T1, TResult>(fn: (arg1: T1, callback: (err: any, result: TResult) => void) => void): (arg1: T1) => Promise<TResult>;
  export function promisify<T1>(fn: (arg1: T1, callback: (err?: any) => void) => void): (arg1: T1) => Promise<void>;
  export function promisify<T1, T2, TResult>(fn: (arg1: T1, arg2: T2, callback: (err: any, result: TResult) => void) => void): (arg1: T1, arg2: T2) => Promise<TResult>;
  export function promisify<T1, T2>(fn: (arg1: T1, arg2: T2, callback: (err?: any) => void) => void): (arg1: T1, arg2: T2) => Promise<void>;
  export function promisify<T1, T2, T3, TResult>(fn: (arg1: T1, arg2: T2, arg3: T3, callback: (err: any, result: TResult) => void) => void): (arg1: T1, arg2: T2, arg3: T3) => Promise<TResult>;
  export function promisify<T1, T2, T3>(fn: (arg1: T1, arg2: T2, arg3: T3, callback: (err?: any) => void) => void): (arg1: T1, arg2: T2, arg3: T3) => Promise<void>;
  export function promisify<T1, T2, T3, T4, TResult>(fn: (arg1: T1, arg2: T2, arg3: T3, arg4: T4, callback: (err: any, result: TResult) => void) => void): (arg1: T1, arg2: T2, arg3: T3, arg4: T4) => Promise<TResult>;
  export function promisify<T1, T2, T3, T4>(fn: (arg1: T1, arg2: T2, arg3: T3, arg4: T4, callback: (err?: any) => void) => void): (arg1: T1, arg2: T2, arg3: T3, arg4: T4) => Promise<void>;
  export function promisify<T1, T2, T3, T4, T5, TResult>(fn: (arg1: T1, arg2: T2, arg3: T3, arg4: T4, arg5: T5, callback: (err: any, result: TResult) => void) => void): (arg1: T1, arg2: T2, arg3: T3, arg4: T4, arg5: T5) => Promise<TResult>;
  export function promisify(fn: Function): Function;
  export interface ParseArgsOptionConfig { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean | string[] | boolean[] }
  export function parseArgs(config?: { args?: string[]; options?: Record<string, ParseArgsOptionConfig>; strict?: boolean; allowPositionals?: boolean }): {
    values: { [name: string]: string | boolean | (string | boolean)[] | undefined };
    positionals: string[];
  };
  export function inspect(object: any, options?: { depth?: number | null; colors?: boolean; compact?: boolean | number; breakLength?: number }): string;
  export function format(format?: any, ...param: any[]): string;
  export function isDeepStrictEqual(val1: unknown, val2: unknown): boolean;
  export function deprecate<T extends Function>(fn: T, msg: string, code?: string): T;
  export const types: { isDate(value: unknown): value is Date; isPromise(value: unknown): value is Promise<unknown>; isRegExp(value: unknown): value is RegExp };
  export const TextEncoder: typeof globalThis.TextEncoder;
  export const TextDecoder: typeof globalThis.TextDecoder;`;

const FS_TYPES = `  type PathLike = string | Buffer | URL;
  type Encoding = BufferEncoding | { encoding: BufferEncoding; flag?: string };
  export interface Stats { size: number; mtime: Date; ctime: Date; birthtime: Date; mtimeMs: number; mode: number; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }
  export interface Dirent { name: string; parentPath: string; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }`;

const FS = `${FS_TYPES}
  export function existsSync(path: PathLike): boolean;
  export function readFileSync(path: PathLike | number, options: Encoding): string;
  export function readFileSync(path: PathLike | number, options?: { encoding?: null; flag?: string } | null): Buffer;
  export function writeFileSync(path: PathLike | number, data: string | ArrayBufferView, options?: BufferEncoding | { encoding?: BufferEncoding | null; mode?: number; flag?: string } | null): void;
  export function appendFileSync(path: PathLike | number, data: string | Uint8Array, options?: BufferEncoding | { encoding?: BufferEncoding | null } | null): void;
  export function mkdirSync(path: PathLike, options?: { recursive?: boolean; mode?: number } | number): string | undefined;
  export function readdirSync(path: PathLike, options?: BufferEncoding | { encoding?: BufferEncoding | null; withFileTypes?: false; recursive?: boolean } | null): string[];
  export function readdirSync(path: PathLike, options: { encoding?: BufferEncoding | null; withFileTypes: true; recursive?: boolean }): Dirent[];
  export function statSync(path: PathLike): Stats;
  export function rmSync(path: PathLike, options?: { force?: boolean; recursive?: boolean }): void;
  export function unlinkSync(path: PathLike): void;
  export function renameSync(oldPath: PathLike, newPath: PathLike): void;
  export function copyFileSync(src: PathLike, dest: PathLike, mode?: number): void;
  export function readFile(path: PathLike, options: Encoding, callback: (err: Error | null, data: string) => void): void;
  export function readFile(path: PathLike, callback: (err: Error | null, data: Buffer) => void): void;
  export function writeFile(path: PathLike, data: string | ArrayBufferView, callback: (err: Error | null) => void): void;
  export const promises: typeof import('node:fs/promises');`;

const FS_PROMISES = `${FS_TYPES}
  export function readFile(path: PathLike, options: Encoding): Promise<string>;
  export function readFile(path: PathLike, options?: { encoding?: null; flag?: string } | null): Promise<Buffer>;
  export function writeFile(path: PathLike, data: string | ArrayBufferView, options?: BufferEncoding | { encoding?: BufferEncoding | null; mode?: number; flag?: string } | null): Promise<void>;
  export function appendFile(path: PathLike, data: string | Uint8Array, options?: BufferEncoding | { encoding?: BufferEncoding | null } | null): Promise<void>;
  export function mkdir(path: PathLike, options?: { recursive?: boolean; mode?: number } | number): Promise<string | undefined>;
  export function readdir(path: PathLike, options?: BufferEncoding | { encoding?: BufferEncoding | null; withFileTypes?: false; recursive?: boolean } | null): Promise<string[]>;
  export function readdir(path: PathLike, options: { encoding?: BufferEncoding | null; withFileTypes: true; recursive?: boolean }): Promise<Dirent[]>;
  export function stat(path: PathLike): Promise<Stats>;
  export function access(path: PathLike, mode?: number): Promise<void>;
  export function rm(path: PathLike, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  export function unlink(path: PathLike): Promise<void>;
  export function rename(oldPath: PathLike, newPath: PathLike): Promise<void>;
  export function copyFile(src: PathLike, dest: PathLike, mode?: number): Promise<void>;`;

const PATH = `  export interface ParsedPath { root: string; dir: string; base: string; ext: string; name: string }
  export function join(...paths: string[]): string;
  export function resolve(...paths: string[]): string;
  export function normalize(path: string): string;
  export function isAbsolute(path: string): boolean;
  export function relative(from: string, to: string): string;
  export function dirname(path: string): string;
  export function basename(path: string, suffix?: string): string;
  export function extname(path: string): string;
  export function parse(path: string): ParsedPath;
  export function format(pathObject: Partial<ParsedPath>): string;
  export const sep: '/' | '\\\\';
  export const delimiter: ';' | ':';`;

const URL_MODULE = `  export function fileURLToPath(url: string | URL): string;
  export function pathToFileURL(path: string): URL;
  export const URL: typeof globalThis.URL;
  export const URLSearchParams: typeof globalThis.URLSearchParams;`;

const HTTP = `  export interface IncomingHttpHeaders {
    [header: string]: string | string[] | undefined;
    accept?: string; authorization?: string; 'content-type'?: string; 'content-length'?: string; cookie?: string;
    host?: string; origin?: string; referer?: string; 'user-agent'?: string; 'x-forwarded-for'?: string; 'set-cookie'?: string[];
  }
  export interface Server {
    close(callback?: (err?: Error) => void): this;
    closeIdleConnections(): void;
    closeAllConnections(): void;
    address(): { port: number; address: string; family: string } | string | null;
    listen(...args: any[]): this;
  }
  export interface IncomingMessage { headers: IncomingHttpHeaders; method?: string; url?: string }
  export interface ServerResponse {
    statusCode: number;
    shouldKeepAlive: boolean;
    readonly headersSent: boolean;
    setHeader(name: string, value: number | string | readonly string[]): this;
    once(event: string, listener: (...args: any[]) => void): this;
    on(event: string, listener: (...args: any[]) => void): this;
  }`;

const PROCESS = `  const process: NodeJS.Process;
  export default process;
  export const env: NodeJS.ProcessEnv;
  export const argv: string[];
  export const platform: string;
  export function exit(code?: number | string | null): never;
  export function cwd(): string;`;

/** One module under its `node:` name and its bare alias; `defaultExport` lists what `import x from` gives. */
function builtin(name: string, body: string, defaultExport: boolean): string {
  const withDefault = defaultExport ? `${body}\n  const self: typeof import('node:${name}');\n  export default self;` : body;
  return `declare module 'node:${name}' {\n${withDefault}\n}\ndeclare module '${name}' {\n  export * from 'node:${name}';\n${defaultExport ? `  import self from 'node:${name}';\n  export default self;\n` : ''}}`;
}

const BUFFER = `  const BufferValue: BufferConstructor;
  export { BufferValue as Buffer };`;

const TIMERS_PROMISES = `  export function setTimeout<T = void>(delay?: number, value?: T, options?: { signal?: AbortSignal; ref?: boolean }): Promise<T>;
  export function setImmediate<T = void>(value?: T, options?: { signal?: AbortSignal; ref?: boolean }): Promise<T>;`;

export const NODE_MODULES = [
  builtin('crypto', CRYPTO, true),
  builtin('buffer', BUFFER, false),
  builtin('timers/promises', TIMERS_PROMISES, false),
  builtin('util', UTIL, true),
  builtin('fs', FS, true),
  builtin('fs/promises', FS_PROMISES, true),
  builtin('path', PATH, true),
  builtin('url', URL_MODULE, false),
  builtin('http', HTTP, false),
  builtin('process', PROCESS, false),
  // Other built-ins (os, events, assert, ...) type as any rather than fail: rarely used, never wrong to import.
  "declare module 'node:*';",
].join('\n');
