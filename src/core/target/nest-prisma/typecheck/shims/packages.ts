/**
 * The other packages generated backends import, as ambient modules: `@nestjs/jwt`, `@nestjs/swagger`,
 * `class-validator`, `class-transformer`, `reflect-metadata`, the Prisma driver adapters and `express`'s
 * request/response types. Option bags that only configure a library are typed loosely.
 */
const VALIDATORS_WITHOUT_ARGUMENTS = [
  'Allow', 'ArrayNotEmpty', 'IsAlpha', 'IsAlphanumeric', 'IsArray', 'IsAscii', 'IsBase64', 'IsBoolean', 'IsBooleanString', 'IsDate',
  'IsDefined', 'IsEmpty', 'IsFQDN', 'IsHexColor', 'IsHexadecimal', 'IsISO8601', 'IsInt', 'IsJSON', 'IsJWT', 'IsLatLong', 'IsLatitude',
  'IsLocale', 'IsLongitude', 'IsLowercase', 'IsMilitaryTime', 'IsMimeType', 'IsMongoId', 'IsNegative', 'IsNotEmpty', 'IsNotEmptyObject',
  'IsObject', 'IsOptional', 'IsPort', 'IsPositive', 'IsSemVer', 'IsString', 'IsTimeZone', 'IsUppercase', 'ValidateNested', 'ValidatePromise',
];

export const PACKAGE_SHIMS = `declare module '@nestjs/jwt' {
  import type { DynamicModule, ModuleMetadata, Type } from '@nestjs/common';
  export interface JwtSignOptions {
    secret?: string | Buffer; privateKey?: string | Buffer; algorithm?: string; keyid?: string;
    expiresIn?: string | number; notBefore?: string | number; audience?: string | string[]; subject?: string; issuer?: string;
    jwtid?: string; noTimestamp?: boolean; header?: { [key: string]: unknown }; encoding?: string; allowInsecureKeySizes?: boolean;
  }
  export interface JwtVerifyOptions {
    secret?: string | Buffer; publicKey?: string | Buffer; algorithms?: string[]; audience?: string | RegExp | Array<string | RegExp>;
    clockTimestamp?: number; clockTolerance?: number; complete?: boolean; issuer?: string | string[]; ignoreExpiration?: boolean;
    ignoreNotBefore?: boolean; jwtid?: string; nonce?: string; subject?: string; maxAge?: string | number;
  }
  export interface JwtModuleOptions {
    global?: boolean; secret?: string | Buffer; publicKey?: string | Buffer; privateKey?: string | Buffer;
    signOptions?: Omit<JwtSignOptions, 'secret' | 'privateKey'>; verifyOptions?: Omit<JwtVerifyOptions, 'secret' | 'publicKey'>;
  }
  export interface JwtModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
    global?: boolean; useFactory?: (...args: any[]) => Promise<JwtModuleOptions> | JwtModuleOptions; inject?: any[]; useClass?: Type<any>; useExisting?: Type<any>;
  }
  export class JwtService {
    constructor(options?: JwtModuleOptions);
    sign(payload: string | Buffer, options?: JwtSignOptions): string;
    sign<T extends object = any>(payload: T, options?: JwtSignOptions): string;
    signAsync(payload: string | Buffer, options?: JwtSignOptions): Promise<string>;
    signAsync<T extends object = any>(payload: T, options?: JwtSignOptions): Promise<string>;
    verify<T extends object = any>(token: string, options?: JwtVerifyOptions): T;
    verifyAsync<T extends object = any>(token: string, options?: JwtVerifyOptions): Promise<T>;
    decode<T = any>(token: string, options?: { complete?: boolean; json?: boolean }): T;
  }
  export class JwtModule {
    static register(options: JwtModuleOptions): DynamicModule;
    static registerAsync(options: JwtModuleAsyncOptions): DynamicModule;
  }
}

declare module '@nestjs/config' {
  import type { DynamicModule } from '@nestjs/common';
  export interface ConfigModuleOptions {
    isGlobal?: boolean; cache?: boolean; ignoreEnvFile?: boolean; ignoreEnvVars?: boolean; envFilePath?: string | string[];
    validate?: (config: Record<string, any>) => Record<string, any>; validationSchema?: any; expandVariables?: boolean; load?: Array<() => any>;
  }
  export class ConfigModule {
    static forRoot(options?: ConfigModuleOptions): Promise<DynamicModule>;
  }
  export class ConfigService<K = Record<string, unknown>, WasValidated extends boolean = false> {
    get<T = any>(propertyPath: keyof K | string): T | undefined;
    get<T = any>(propertyPath: keyof K | string, defaultValue: T): T;
    getOrThrow<T = any>(propertyPath: keyof K | string): T;
  }
}

declare module '@nestjs/throttler' {
  import type { CanActivate, DynamicModule, ExecutionContext } from '@nestjs/common';
  export type Resolvable<T extends number | string | boolean> = T | ((context: ExecutionContext) => T | Promise<T>);
  export interface ThrottlerOptions {
    name?: string; limit: Resolvable<number>; ttl: Resolvable<number>; blockDuration?: Resolvable<number>;
    ignoreUserAgents?: RegExp[]; skipIf?: (context: ExecutionContext) => boolean; setHeaders?: boolean;
  }
  export type ThrottlerModuleOptions = Array<ThrottlerOptions> | { throttlers: Array<ThrottlerOptions>; skipIf?: (context: ExecutionContext) => boolean; ignoreUserAgents?: RegExp[]; errorMessage?: string; setHeaders?: boolean };
  export class ThrottlerModule {
    static forRoot(options?: ThrottlerModuleOptions): DynamicModule;
    static forRootAsync(options: { imports?: any[]; inject?: any[]; useFactory?: (...args: any[]) => ThrottlerModuleOptions | Promise<ThrottlerModuleOptions> }): DynamicModule;
  }
  export class ThrottlerGuard implements CanActivate {
    canActivate(context: ExecutionContext): Promise<boolean>;
  }
  export class ThrottlerException extends Error {}
  export function Throttle(options: Record<string, { limit?: Resolvable<number>; ttl?: Resolvable<number>; blockDuration?: Resolvable<number> }>): MethodDecorator & ClassDecorator;
  export function SkipThrottle(skip?: Record<string, boolean>): MethodDecorator & ClassDecorator;
}

declare module 'helmet' {
  type Middleware = (request: any, response: any, next: (error?: unknown) => void) => void;
  function helmet(options?: { [key: string]: unknown }): Middleware;
  export default helmet;
}

declare module '@nestjs/platform-express' {
  import type { INestApplication } from '@nestjs/common';
  export interface NestExpressBodyParserOptions { limit?: number | string; inflate?: boolean; type?: string | string[]; verify?: (...args: any[]) => void; [key: string]: unknown }
  export interface NestExpressApplication<TServer = any> extends INestApplication<TServer> {
    set(setting: string, value: any): this;
    disable(setting: string): this;
    enable(setting: string): this;
    useBodyParser(parser: 'json' | 'urlencoded' | 'text' | 'raw', options?: NestExpressBodyParserOptions): this;
    useStaticAssets(path: string, options?: { [key: string]: unknown }): this;
  }
}

declare module '@nestjs/swagger' {
  import type { INestApplication, Type } from '@nestjs/common';
  type Options = { [key: string]: unknown };
  type Decorator = MethodDecorator & ClassDecorator;
  export type ApiPropertyOptions = Options;
  export function ApiProperty(options?: ApiPropertyOptions): PropertyDecorator;
  export function ApiPropertyOptional(options?: ApiPropertyOptions): PropertyDecorator;
  export function ApiResponseProperty(options?: ApiPropertyOptions): PropertyDecorator;
  export function ApiHideProperty(): PropertyDecorator;
  export function ApiTags(...tags: string[]): Decorator;
  export function ApiBearerAuth(name?: string): Decorator;
  export function ApiBasicAuth(name?: string): Decorator;
  export function ApiCookieAuth(name?: string): Decorator;
  export function ApiSecurity(name: string | Options, requirements?: string[]): Decorator;
  export function ApiOperation(options: Options): MethodDecorator;
  export function ApiResponse(options: Options): Decorator;
  export function ApiParam(options: Options): MethodDecorator;
  export function ApiQuery(options: Options): MethodDecorator;
  export function ApiBody(options: Options): MethodDecorator;
  export function ApiHeader(options: Options): Decorator;
  export function ApiConsumes(...mimeTypes: string[]): Decorator;
  export function ApiProduces(...mimeTypes: string[]): Decorator;
  export function ApiExtraModels(...models: Function[]): Decorator;
  export function ApiExcludeEndpoint(disable?: boolean): MethodDecorator;
  export function ApiExcludeController(disable?: boolean): ClassDecorator;
  export function ApiSchema(options?: Options): ClassDecorator;
${['Default', 'Ok', 'Created', 'Accepted', 'NoContent', 'MovedPermanently', 'Found', 'BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'MethodNotAllowed', 'NotAcceptable', 'RequestTimeout', 'Conflict', 'Gone', 'PreconditionFailed', 'PayloadTooLarge', 'UnsupportedMediaType', 'UnprocessableEntity', 'TooManyRequests', 'InternalServerError', 'NotImplemented', 'BadGateway', 'ServiceUnavailable', 'GatewayTimeout']
  .map((status) => `  export const Api${status}Response: (options?: Options) => Decorator;`)
  .join('\n')}
  export function PartialType<T>(classRef: Type<T>, options?: Options): Type<Partial<T>>;
  export function PickType<T, K extends keyof T>(classRef: Type<T>, keys: readonly K[]): Type<Pick<T, (typeof keys)[number]>>;
  export function OmitType<T, K extends keyof T>(classRef: Type<T>, keys: readonly K[]): Type<Omit<T, (typeof keys)[number]>>;
  export function IntersectionType<A, B>(a: Type<A>, b: Type<B>): Type<A & B>;
  export function IntersectionType<A, B, C>(a: Type<A>, b: Type<B>, c: Type<C>): Type<A & B & C>;
  export interface OpenAPIObject { openapi: string; info: Options; paths: Options; components?: Options; servers?: Options[]; tags?: Options[]; security?: Options[]; [key: string]: unknown }
  export interface SwaggerCustomOptions { jsonDocumentUrl?: string; yamlDocumentUrl?: string; customSiteTitle?: string; useGlobalPrefix?: boolean; ui?: boolean; raw?: boolean | Array<'json' | 'yaml'>; swaggerOptions?: Options; [key: string]: unknown }
  export class SwaggerModule {
    static createDocument(app: INestApplication, config: Omit<OpenAPIObject, 'paths'>, options?: Options): OpenAPIObject;
    static setup(path: string, app: INestApplication, documentOrFactory: OpenAPIObject | (() => OpenAPIObject), options?: SwaggerCustomOptions): void;
  }
  export class DocumentBuilder {
    setTitle(title: string): this;
    setDescription(description: string): this;
    setVersion(version: string): this;
    setTermsOfService(termsOfService: string): this;
    setContact(name: string, url: string, email: string): this;
    setLicense(name: string, url: string): this;
    setOpenAPIVersion(version: string): this;
    setExternalDoc(description: string, url: string): this;
    addServer(url: string, description?: string, variables?: Options): this;
    addTag(name: string, description?: string, externalDocs?: Options): this;
    addSecurity(name: string, options: Options): this;
    addSecurityRequirements(name: string | Options, requirements?: string[]): this;
    addBearerAuth(options?: Options, name?: string): this;
    addApiKey(options?: Options, name?: string): this;
    addBasicAuth(options?: Options, name?: string): this;
    addCookieAuth(cookieName?: string, options?: Options, securityName?: string): this;
    build(): Omit<OpenAPIObject, 'paths'>;
  }
}

declare module 'class-validator' {
  export interface ValidationArguments { value: any; constraints: any[]; targetName: string; object: object; property: string }
  export interface ValidationOptions { each?: boolean; message?: string | ((validationArguments: ValidationArguments) => string); groups?: string[]; always?: boolean; context?: any }
  export class ValidationError {
    target?: object; property: string; value?: any; constraints?: { [type: string]: string }; children?: ValidationError[]; contexts?: { [type: string]: any };
    toString(shouldDecorate?: boolean, hasParent?: boolean, parentPath?: string, showConstraintMessages?: boolean): string;
  }
  export interface ValidatorOptions { skipMissingProperties?: boolean; whitelist?: boolean; forbidNonWhitelisted?: boolean; groups?: string[]; forbidUnknownValues?: boolean; stopAtFirstError?: boolean; [key: string]: unknown }
  export interface ValidatorConstraintInterface { validate(value: any, validationArguments?: ValidationArguments): Promise<boolean> | boolean; defaultMessage?(validationArguments?: ValidationArguments): string }
${VALIDATORS_WITHOUT_ARGUMENTS.map((name) => `  export function ${name}(validationOptions?: ValidationOptions): PropertyDecorator;`).join('\n')}
  export function IsEmail(options?: { [key: string]: unknown }, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsUrl(options?: { [key: string]: unknown }, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsUUID(version?: '3' | '4' | '5' | '7' | 'all' | 3 | 4 | 5 | 7, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsDateString(options?: { [key: string]: unknown }, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsNumberString(options?: { [key: string]: unknown }, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsDecimal(options?: { [key: string]: unknown }, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsStrongPassword(options?: { [key: string]: unknown }, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsPhoneNumber(region?: string, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsNumber(options?: { allowNaN?: boolean; allowInfinity?: boolean; maxDecimalPlaces?: number }, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsEnum(entity: object, validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsIn(values: readonly any[], validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsNotIn(values: readonly any[], validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsInstance(targetType: new (...args: any[]) => any, validationOptions?: ValidationOptions): PropertyDecorator;
  export function Equals(comparison: any, validationOptions?: ValidationOptions): PropertyDecorator;
  export function NotEquals(comparison: any, validationOptions?: ValidationOptions): PropertyDecorator;
  export function Min(minValue: number, validationOptions?: ValidationOptions): PropertyDecorator;
  export function Max(maxValue: number, validationOptions?: ValidationOptions): PropertyDecorator;
  export function MinDate(date: Date | (() => Date), validationOptions?: ValidationOptions): PropertyDecorator;
  export function MaxDate(date: Date | (() => Date), validationOptions?: ValidationOptions): PropertyDecorator;
  export function MinLength(min: number, validationOptions?: ValidationOptions): PropertyDecorator;
  export function MaxLength(max: number, validationOptions?: ValidationOptions): PropertyDecorator;
  export function Length(min: number, max?: number, validationOptions?: ValidationOptions): PropertyDecorator;
  export function Contains(seed: string, validationOptions?: ValidationOptions): PropertyDecorator;
  export function NotContains(seed: string, validationOptions?: ValidationOptions): PropertyDecorator;
  export function Matches(pattern: RegExp, validationOptions?: ValidationOptions): PropertyDecorator;
  export function Matches(pattern: string, modifiers?: string, validationOptions?: ValidationOptions): PropertyDecorator;
  export function ArrayMinSize(min: number, validationOptions?: ValidationOptions): PropertyDecorator;
  export function ArrayMaxSize(max: number, validationOptions?: ValidationOptions): PropertyDecorator;
  export function ArrayUnique(identifierOrOptions?: ((o: any) => any) | ValidationOptions, validationOptions?: ValidationOptions): PropertyDecorator;
  export function ArrayContains(values: any[], validationOptions?: ValidationOptions): PropertyDecorator;
  export function ArrayNotContains(values: any[], validationOptions?: ValidationOptions): PropertyDecorator;
  export function IsDivisibleBy(num: number, validationOptions?: ValidationOptions): PropertyDecorator;
  export function ValidateIf(condition: (object: any, value: any) => boolean, validationOptions?: ValidationOptions): PropertyDecorator;
  export function Validate(constraintClass: Function, validationOptions?: ValidationOptions): PropertyDecorator;
  export function Validate(constraintClass: Function, constraints?: any[], validationOptions?: ValidationOptions): PropertyDecorator;
  export function ValidatorConstraint(options?: { name?: string; async?: boolean }): ClassDecorator;
  export function registerDecorator(options: { name?: string; target: Function; propertyName: string; constraints?: any[]; options?: ValidationOptions; validator: ValidatorConstraintInterface | Function; async?: boolean }): void;
  export function validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]>;
  export function validateSync(object: object, validatorOptions?: ValidatorOptions): ValidationError[];
  export function validateOrReject(object: object, validatorOptions?: ValidatorOptions): Promise<void>;
  export function isEmail(value: unknown, options?: { [key: string]: unknown }): boolean;
  export function isUUID(value: unknown, version?: string | number): boolean;
  export function isInt(value: unknown): value is number;
  export function isString(value: unknown): value is string;
  export function isDateString(value: unknown, options?: { [key: string]: unknown }): boolean;
}

declare module 'class-transformer' {
  export type ClassConstructor<T> = { new (...args: any[]): T };
  export enum TransformationType { PLAIN_TO_CLASS = 0, CLASS_TO_PLAIN = 1, CLASS_TO_CLASS = 2 }
  export interface ClassTransformOptions { strategy?: 'excludeAll' | 'exposeAll'; excludeExtraneousValues?: boolean; groups?: string[]; version?: number; enableImplicitConversion?: boolean; exposeDefaultValues?: boolean; exposeUnsetFields?: boolean; [key: string]: unknown }
  export interface TransformFnParams { value: any; key: string; obj: any; type: TransformationType; options: ClassTransformOptions }
  export interface TypeHelpOptions { newObject: any; object: Record<string, any>; property: string }
  export function Type(typeFunction?: (type?: TypeHelpOptions) => Function, options?: { keepDiscriminatorProperty?: boolean; discriminator?: unknown }): PropertyDecorator;
  export function Transform(transformFn: (params: TransformFnParams) => any, options?: { since?: number; until?: number; groups?: string[]; toClassOnly?: boolean; toPlainOnly?: boolean }): PropertyDecorator;
  export function Expose(options?: { name?: string; since?: number; until?: number; groups?: string[]; toClassOnly?: boolean; toPlainOnly?: boolean }): PropertyDecorator & ClassDecorator;
  export function Exclude(options?: { toClassOnly?: boolean; toPlainOnly?: boolean }): PropertyDecorator & ClassDecorator;
  export function plainToInstance<T, V>(cls: ClassConstructor<T>, plain: V[], options?: ClassTransformOptions): T[];
  export function plainToInstance<T, V>(cls: ClassConstructor<T>, plain: V, options?: ClassTransformOptions): T;
  export function plainToClass<T, V>(cls: ClassConstructor<T>, plain: V, options?: ClassTransformOptions): T;
  export function instanceToPlain<T>(object: T, options?: ClassTransformOptions): Record<string, any>;
  export function classToPlain<T>(object: T, options?: ClassTransformOptions): Record<string, any>;
}

declare module 'reflect-metadata' {}
declare namespace Reflect {
  function defineMetadata(metadataKey: any, metadataValue: any, target: object, propertyKey?: string | symbol): void;
  function getMetadata(metadataKey: any, target: object, propertyKey?: string | symbol): any;
  function getOwnMetadata(metadataKey: any, target: object, propertyKey?: string | symbol): any;
  function hasMetadata(metadataKey: any, target: object, propertyKey?: string | symbol): boolean;
  function metadata(metadataKey: any, metadataValue: any): { (target: Function): void; (target: object, propertyKey: string | symbol): void };
}

declare module '@libsql/client' {
  export interface Config { url: string; authToken?: string; syncUrl?: string; syncInterval?: number; encryptionKey?: string; intMode?: 'number' | 'bigint' | 'string'; [key: string]: unknown }
  export type TransactionMode = 'write' | 'read' | 'deferred';
  export type InValue = null | string | number | bigint | ArrayBuffer | boolean | Uint8Array | Date;
  export type InStatement = { sql: string; args?: InValue[] | Record<string, InValue> } | string;
  export interface ResultSet { columns: string[]; columnTypes: string[]; rows: unknown[]; rowsAffected: number; lastInsertRowid: bigint | undefined }
  export interface Transaction {
    execute(stmt: InStatement): Promise<ResultSet>;
    batch(stmts: Array<InStatement>): Promise<Array<ResultSet>>;
    executeMultiple(sql: string): Promise<void>;
    rollback(): Promise<void>;
    commit(): Promise<void>;
    close(): void;
    closed: boolean;
  }
  export interface Client {
    execute(stmt: InStatement): Promise<ResultSet>;
    batch(stmts: Array<InStatement>, mode?: TransactionMode): Promise<Array<ResultSet>>;
    transaction(mode?: TransactionMode): Promise<Transaction>;
    executeMultiple(sql: string): Promise<void>;
    close(): void;
    closed: boolean;
  }
  export function createClient(config: Config): Client;
}

declare module '@prisma/driver-adapter-utils' {
  export type SqlQuery = { sql: string; args: Array<unknown>; argTypes: Array<unknown> };
  export interface SqlResultSet { columnTypes: Array<unknown>; columnNames: Array<string>; rows: Array<Array<unknown>>; lastInsertId?: string }
  export type IsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SNAPSHOT' | 'SERIALIZABLE';
  export interface SqlQueryable {
    readonly provider: 'mysql' | 'postgres' | 'sqlite' | 'sqlserver';
    readonly adapterName: string;
    queryRaw(params: SqlQuery): Promise<SqlResultSet>;
    executeRaw(params: SqlQuery): Promise<number>;
  }
  export interface Transaction extends SqlQueryable {
    readonly options: { usePhantomQuery: boolean };
    commit(): Promise<void>;
    rollback(): Promise<void>;
  }
  export interface SqlDriverAdapter extends SqlQueryable {
    executeScript(script: string): Promise<void>;
    startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction>;
    dispose(): Promise<void>;
  }
}

declare module '@prisma/adapter-libsql' {
  import type { Client, Config } from '@libsql/client';
  import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
  export class PrismaLibSql {
    constructor(config: Config, options?: { timestampFormat?: 'iso8601' | 'unixepoch-ms' });
    readonly provider: 'sqlite';
    readonly adapterName: string;
    connect(): Promise<SqlDriverAdapter>;
    createClient(config: Config): Client;
  }
}

declare module '@prisma/adapter-pg' {
  import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
  export class PrismaPgAdapter implements SqlDriverAdapter {
    readonly provider: 'postgres';
    readonly adapterName: string;
    queryRaw: SqlDriverAdapter['queryRaw'];
    executeRaw: SqlDriverAdapter['executeRaw'];
    executeScript: SqlDriverAdapter['executeScript'];
    startTransaction: SqlDriverAdapter['startTransaction'];
    dispose: SqlDriverAdapter['dispose'];
  }
  export class PrismaPg {
    constructor(poolOrConfig: string | { connectionString?: string; [key: string]: unknown }, options?: { schema?: string; [key: string]: unknown });
    readonly provider: 'postgres';
    readonly adapterName: string;
    connect(): Promise<PrismaPgAdapter>;
  }
}

declare module 'express' {
  import type { IncomingHttpHeaders } from 'node:http';
  export interface Request<P = { [key: string]: string }, ResBody = any, ReqBody = any, ReqQuery = { [key: string]: any }> {
    headers: IncomingHttpHeaders;
    params: P;
    query: ReqQuery;
    body: ReqBody;
    method: string;
    url: string;
    originalUrl: string;
    baseUrl: string;
    path: string;
    hostname: string;
    protocol: string;
    secure: boolean;
    ip: string | undefined;
    ips: string[];
    cookies: any;
    get(name: string): string | undefined;
    header(name: string): string | undefined;
  }
  export interface Response<ResBody = any> {
    statusCode: number;
    locals: Record<string, any>;
    headersSent: boolean;
    status(code: number): this;
    sendStatus(code: number): this;
    json(body?: ResBody): this;
    send(body?: ResBody): this;
    set(field: string, value?: string | string[]): this;
    header(field: string, value?: string | string[]): this;
    setHeader(name: string, value: number | string | readonly string[]): this;
    getHeader(name: string): number | string | string[] | undefined;
    cookie(name: string, value: string, options?: { [key: string]: unknown }): this;
    clearCookie(name: string, options?: { [key: string]: unknown }): this;
    redirect(url: string): void;
    redirect(status: number, url: string): void;
    type(type: string): this;
    end(chunk?: any): this;
    on(event: string, listener: (...args: any[]) => void): this;
  }
  export type NextFunction = (err?: any) => void;
  export type RequestHandler = (req: Request, res: Response, next: NextFunction) => void;
}
`;
