/**
 * `@nestjs/common`, `@nestjs/core` and the bit of `rxjs` their signatures mention, as ambient modules:
 * what generated backends use (decorators, pipes, guards, HTTP exceptions, lifecycle hooks, the
 * application), with NestJS 12's signatures.
 */
export const NEST_SHIMS = `declare module '@nestjs/common' {
  import type { Observable } from 'rxjs';

  export interface Type<T = any> extends Function { new (...args: any[]): T }
  export interface Abstract<T> extends Function { prototype: T }
  export type InjectionToken<T = any> = string | symbol | Type<T> | Abstract<T> | Function;
  export interface ForwardReference<T = any> { forwardRef: T }
  export enum Scope { DEFAULT = 0, TRANSIENT = 1, REQUEST = 2 }
  export interface ClassProvider<T = any> { provide: InjectionToken; useClass: Type<T>; scope?: Scope; durable?: boolean }
  export interface ValueProvider<T = any> { provide: InjectionToken; useValue: T }
  export interface FactoryProvider<T = any> { provide: InjectionToken; useFactory: (...args: any[]) => T | Promise<T>; inject?: Array<InjectionToken | { token: InjectionToken; optional: boolean }>; scope?: Scope; durable?: boolean }
  export interface ExistingProvider<T = any> { provide: InjectionToken; useExisting: any }
  export type Provider<T = any> = Type<any> | ClassProvider<T> | ValueProvider<T> | FactoryProvider<T> | ExistingProvider<T>;
  export interface ModuleMetadata {
    imports?: Array<Type<any> | DynamicModule | Promise<DynamicModule> | ForwardReference>;
    controllers?: Type<any>[];
    providers?: Provider[];
    exports?: Array<DynamicModule | string | symbol | Provider | ForwardReference | Abstract<any> | Function>;
  }
  export interface DynamicModule extends ModuleMetadata { module: Type<any>; global?: boolean }

  export function Injectable(options?: { scope?: Scope; durable?: boolean }): ClassDecorator;
  export function Module(metadata: ModuleMetadata): ClassDecorator;
  export function Global(): ClassDecorator;
  export function Inject(token?: InjectionToken | ForwardReference): PropertyDecorator & ParameterDecorator;
  export function Optional(): PropertyDecorator & ParameterDecorator;
  export function forwardRef(fn: () => any): ForwardReference;
  export function Controller(prefix?: string | string[]): ClassDecorator;
  export function Controller(options: { path?: string | string[]; host?: string | RegExp | Array<string | RegExp>; version?: string | string[] }): ClassDecorator;
  export function Get(path?: string | string[]): MethodDecorator;
  export function Post(path?: string | string[]): MethodDecorator;
  export function Put(path?: string | string[]): MethodDecorator;
  export function Patch(path?: string | string[]): MethodDecorator;
  export function Delete(path?: string | string[]): MethodDecorator;
  export function Head(path?: string | string[]): MethodDecorator;
  export function Options(path?: string | string[]): MethodDecorator;
  export function All(path?: string | string[]): MethodDecorator;
  export function HttpCode(statusCode: number): MethodDecorator;
  export function Header(name: string, value: string): MethodDecorator;
  export function Redirect(url?: string, statusCode?: number): MethodDecorator;
  export type CustomDecorator<TKey = string> = MethodDecorator & ClassDecorator & { KEY: TKey };
  export function SetMetadata<K = string, V = any>(metadataKey: K, metadataValue: V): CustomDecorator<K>;
  export function applyDecorators(...decorators: Array<ClassDecorator | MethodDecorator | PropertyDecorator>): <TFunction extends Function, Y>(target: object | TFunction, propertyKey?: string | symbol, descriptor?: TypedPropertyDescriptor<Y>) => void;
  export function UseGuards(...guards: (CanActivate | Function)[]): MethodDecorator & ClassDecorator;
  export function UsePipes(...pipes: (PipeTransform | Function)[]): MethodDecorator & ClassDecorator;
  export function UseInterceptors(...interceptors: (NestInterceptor | Function)[]): MethodDecorator & ClassDecorator;
  export function UseFilters(...filters: (ExceptionFilter | Function)[]): MethodDecorator & ClassDecorator;
  export function Catch(...exceptions: Array<Type<any> | Abstract<any>>): ClassDecorator;

  type Pipe = Type<PipeTransform> | PipeTransform;
  export function Param(...pipes: Pipe[]): ParameterDecorator;
  export function Param(property: string, ...pipes: Pipe[]): ParameterDecorator;
  export function Query(...pipes: Pipe[]): ParameterDecorator;
  export function Query(property: string, ...pipes: Pipe[]): ParameterDecorator;
  export function Body(...pipes: Pipe[]): ParameterDecorator;
  export function Body(property: string, ...pipes: Pipe[]): ParameterDecorator;
  export function Headers(property?: string): ParameterDecorator;
  export function Req(): ParameterDecorator;
  export function Request(): ParameterDecorator;
  export function Res(options?: { passthrough: boolean }): ParameterDecorator;
  export function Response(options?: { passthrough: boolean }): ParameterDecorator;
  export function Next(): ParameterDecorator;
  export function Ip(): ParameterDecorator;
  export function Session(): ParameterDecorator;
  export function HostParam(property?: string): ParameterDecorator;

  export interface ArgumentMetadata { readonly type: 'body' | 'query' | 'param' | 'custom'; readonly metatype?: Type<any> | undefined; readonly data?: string | undefined }
  export interface PipeTransform<T = any, R = any> { transform(value: T, metadata: ArgumentMetadata): R }
  interface ParsePipeOptions { errorHttpStatusCode?: number; exceptionFactory?: (error: string) => any; optional?: boolean }
  export class ParseIntPipe implements PipeTransform<string> { constructor(options?: ParsePipeOptions); transform(value: string, metadata: ArgumentMetadata): Promise<number> }
  export class ParseFloatPipe implements PipeTransform<string> { constructor(options?: ParsePipeOptions); transform(value: string, metadata: ArgumentMetadata): Promise<number> }
  export class ParseBoolPipe implements PipeTransform<string | boolean> { constructor(options?: ParsePipeOptions); transform(value: string | boolean, metadata: ArgumentMetadata): Promise<boolean> }
  export class ParseUUIDPipe implements PipeTransform<string> { constructor(options?: ParsePipeOptions & { version?: '3' | '4' | '5' | '7' | 'all' }); transform(value: string, metadata: ArgumentMetadata): Promise<string> }
  export class ParseEnumPipe<T = any> implements PipeTransform<T> { constructor(enumType: T, options?: ParsePipeOptions); transform(value: T, metadata: ArgumentMetadata): Promise<T> }
  export class ParseArrayPipe implements PipeTransform { constructor(options?: ParsePipeOptions & { items?: Type<unknown>; separator?: string }); transform(value: any, metadata: ArgumentMetadata): Promise<any> }
  export class DefaultValuePipe<T = any, R = any> implements PipeTransform<R, T | R> { constructor(defaultValue: T); transform(value?: R, metadata?: ArgumentMetadata): T | R }
  export interface ValidationError { target?: object; property: string; value?: any; constraints?: { [type: string]: string }; children?: ValidationError[]; contexts?: { [type: string]: any } }
  export interface ValidationPipeOptions {
    transform?: boolean; whitelist?: boolean; forbidNonWhitelisted?: boolean; forbidUnknownValues?: boolean; skipMissingProperties?: boolean;
    skipNullProperties?: boolean; skipUndefinedProperties?: boolean; disableErrorMessages?: boolean; dismissDefaultMessages?: boolean;
    transformOptions?: { [key: string]: unknown }; errorHttpStatusCode?: number; exceptionFactory?: (errors: ValidationError[]) => any;
    stopAtFirstError?: boolean; groups?: string[]; always?: boolean; strictGroups?: boolean; enableDebugMessages?: boolean;
    validationError?: { target?: boolean; value?: boolean }; validateCustomDecorators?: boolean; expectedType?: Type<any>; errorFormat?: 'list' | 'grouped';
  }
  export class ValidationPipe implements PipeTransform { constructor(options?: ValidationPipeOptions); transform(value: unknown, metadata: ArgumentMetadata): Promise<any> }

  export interface HttpExceptionOptions { cause?: unknown; description?: string; errorCode?: string }
  export class HttpException extends Error {
    constructor(response: string | Record<string, any>, status: number, options?: HttpExceptionOptions);
    cause: unknown;
    getResponse(): string | object;
    getStatus(): number;
  }
  export class BadRequestException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class UnauthorizedException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class ForbiddenException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class NotFoundException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class MethodNotAllowedException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class NotAcceptableException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class RequestTimeoutException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class ConflictException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class GoneException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class PreconditionFailedException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class PayloadTooLargeException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class UnsupportedMediaTypeException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class ImATeapotException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class MisdirectedException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class UnprocessableEntityException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class InternalServerErrorException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class NotImplementedException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class BadGatewayException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class ServiceUnavailableException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class GatewayTimeoutException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export class HttpVersionNotSupportedException extends HttpException { constructor(objectOrError?: any, descriptionOrOptions?: string | HttpExceptionOptions) }
  export enum HttpStatus {
    CONTINUE = 100, OK = 200, CREATED = 201, ACCEPTED = 202, NO_CONTENT = 204, MOVED_PERMANENTLY = 301, FOUND = 302, SEE_OTHER = 303,
    NOT_MODIFIED = 304, TEMPORARY_REDIRECT = 307, PERMANENT_REDIRECT = 308, BAD_REQUEST = 400, UNAUTHORIZED = 401, PAYMENT_REQUIRED = 402,
    FORBIDDEN = 403, NOT_FOUND = 404, METHOD_NOT_ALLOWED = 405, NOT_ACCEPTABLE = 406, REQUEST_TIMEOUT = 408, CONFLICT = 409, GONE = 410,
    PRECONDITION_FAILED = 412, PAYLOAD_TOO_LARGE = 413, UNSUPPORTED_MEDIA_TYPE = 415, I_AM_A_TEAPOT = 418, MISDIRECTED = 421,
    UNPROCESSABLE_ENTITY = 422, TOO_MANY_REQUESTS = 429, INTERNAL_SERVER_ERROR = 500, NOT_IMPLEMENTED = 501, BAD_GATEWAY = 502,
    SERVICE_UNAVAILABLE = 503, GATEWAY_TIMEOUT = 504, HTTP_VERSION_NOT_SUPPORTED = 505,
  }

  export type ContextType = 'http' | 'ws' | 'rpc';
  export interface HttpArgumentsHost { getRequest<T = any>(): T; getResponse<T = any>(): T; getNext<T = any>(): T }
  export interface ArgumentsHost {
    getArgs<T extends Array<any> = any[]>(): T;
    getArgByIndex<T = any>(index: number): T;
    switchToHttp(): HttpArgumentsHost;
    switchToRpc(): { getData<T = any>(): T; getContext<T = any>(): T };
    switchToWs(): { getData<T = any>(): T; getClient<T = any>(): T; getPattern(): string };
    getType<TContext extends string = ContextType>(): TContext;
  }
  export interface ExecutionContext extends ArgumentsHost { getClass<T = any>(): Type<T>; getHandler(): Function }
  export interface CanActivate { canActivate(context: ExecutionContext): boolean | Promise<boolean> | Observable<boolean> }
  export interface CallHandler<T = any> { handle(): Observable<T> }
  export interface NestInterceptor<T = any, R = any> { intercept(context: ExecutionContext, next: CallHandler<T>): Observable<R> | Promise<Observable<R>> }
  export interface ExceptionFilter<T = any> { catch(exception: T, host: ArgumentsHost): any }
  export function createParamDecorator<FactoryData = any, FactoryOutput = any>(
    factory: (data: FactoryData, context: ExecutionContext) => FactoryOutput,
    enhancers?: ParameterDecorator[],
  ): (...dataOrPipes: (Type<PipeTransform> | PipeTransform | FactoryData)[]) => ParameterDecorator;

  export interface OnModuleInit { onModuleInit(): any }
  export interface OnModuleDestroy { onModuleDestroy(): any }
  export interface OnApplicationBootstrap { onApplicationBootstrap(): any }
  export interface BeforeApplicationShutdown { beforeApplicationShutdown(signal?: string): any }
  export interface OnApplicationShutdown { onApplicationShutdown(signal?: string): any }

  export type LogLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  export interface LoggerService {
    log(message: any, ...optionalParams: any[]): any;
    error(message: any, ...optionalParams: any[]): any;
    warn(message: any, ...optionalParams: any[]): any;
    debug?(message: any, ...optionalParams: any[]): any;
    verbose?(message: any, ...optionalParams: any[]): any;
    fatal?(message: any, ...optionalParams: any[]): any;
  }
  export class Logger implements LoggerService {
    constructor(context?: string, options?: { timestamp?: boolean });
    log(message: any, ...optionalParams: any[]): void;
    error(message: any, ...optionalParams: any[]): void;
    warn(message: any, ...optionalParams: any[]): void;
    debug(message: any, ...optionalParams: any[]): void;
    verbose(message: any, ...optionalParams: any[]): void;
    fatal(message: any, ...optionalParams: any[]): void;
    static log(message: any, ...optionalParams: any[]): void;
    static error(message: any, ...optionalParams: any[]): void;
    static warn(message: any, ...optionalParams: any[]): void;
    static debug(message: any, ...optionalParams: any[]): void;
    static verbose(message: any, ...optionalParams: any[]): void;
  }

  export class ConsoleLogger extends Logger {
    constructor(options?: { json?: boolean; colors?: boolean; logLevels?: LogLevel[]; prefix?: string; timestamp?: boolean; context?: string; compact?: boolean | number });
  }

  export interface NestApplicationOptions {
    logger?: LoggerService | LogLevel[] | false;
    cors?: boolean | { [key: string]: unknown };
    bodyParser?: boolean;
    rawBody?: boolean;
    bufferLogs?: boolean;
    autoFlushLogs?: boolean;
    abortOnError?: boolean;
    forceCloseConnections?: boolean;
    snapshot?: boolean;
    httpsOptions?: { [key: string]: unknown };
  }
  export interface INestApplicationContext {
    get<T = any>(typeOrToken: Type<T> | Function | string | symbol, options?: { strict?: boolean }): T;
    resolve<T = any>(typeOrToken: Type<T> | Function | string | symbol): Promise<T>;
    init(): Promise<this>;
    close(signal?: string): Promise<void>;
    useLogger(logger: LoggerService | LogLevel[] | false): void;
    flushLogs(): void;
    enableShutdownHooks(signals?: string[]): this;
  }
  export interface INestApplication<TServer = any> extends INestApplicationContext {
    use(...args: any[]): this;
    enableCors(options?: { [key: string]: unknown }): void;
    enableVersioning(options?: { [key: string]: unknown }): this;
    listen(port: number | string, hostname?: string): Promise<any>;
    getUrl(): Promise<string>;
    setGlobalPrefix(prefix: string, options?: { exclude?: Array<string | { path: string; method: number }> }): this;
    useGlobalPipes(...pipes: PipeTransform<any>[]): this;
    useGlobalFilters(...filters: ExceptionFilter[]): this;
    useGlobalInterceptors(...interceptors: NestInterceptor[]): this;
    useGlobalGuards(...guards: CanActivate[]): this;
    getHttpServer(): TServer;
    getHttpAdapter(): any;
  }
}

declare module '@nestjs/core' {
  import type { INestApplication, INestApplicationContext, NestApplicationOptions, Type } from '@nestjs/common';
  export class NestFactoryStatic {
    create<T extends INestApplication = INestApplication>(module: any, options?: NestApplicationOptions): Promise<T>;
    create<T extends INestApplication = INestApplication>(module: any, httpAdapter: any, options?: NestApplicationOptions): Promise<T>;
    createApplicationContext(module: any, options?: { [key: string]: unknown }): Promise<INestApplicationContext>;
  }
  export const NestFactory: NestFactoryStatic;
  export class Reflector {
    get<T = any>(metadataKey: any, target: Type<any> | Function): T;
    getAll<T extends any[] = any[]>(metadataKey: any, targets: (Type<any> | Function)[]): T;
    getAllAndOverride<T = any>(metadataKey: any, targets: (Type<any> | Function)[]): T;
    getAllAndMerge<T extends any[] = any[]>(metadataKey: any, targets: (Type<any> | Function)[]): T;
  }
  export class HttpAdapterHost<T = any> { readonly httpAdapter: T }
  export const APP_GUARD = 'APP_GUARD';
  export const APP_PIPE = 'APP_PIPE';
  export const APP_FILTER = 'APP_FILTER';
  export const APP_INTERCEPTOR = 'APP_INTERCEPTOR';
}

declare module 'rxjs' {
  export class Observable<T> {
    subscribe(next?: (value: T) => void, error?: (error: any) => void, complete?: () => void): { unsubscribe(): void };
    pipe(...operations: Array<(source: Observable<any>) => Observable<any>>): Observable<any>;
  }
  export function of<T>(...values: T[]): Observable<T>;
  export function from<T>(input: Promise<T> | Iterable<T>): Observable<T>;
  export function firstValueFrom<T>(source: Observable<T>): Promise<T>;
  export function lastValueFrom<T>(source: Observable<T>): Promise<T>;
  export function map<T, R>(project: (value: T, index: number) => R): (source: Observable<T>) => Observable<R>;
  export function tap<T>(next: (value: T) => void): (source: Observable<T>) => Observable<T>;
  export function catchError<T, R>(selector: (error: any, caught: Observable<T>) => Observable<R>): (source: Observable<T>) => Observable<T | R>;
  export function throwError(factory: () => any): Observable<never>;
}
`;
