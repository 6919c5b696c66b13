import type { DatabaseArtifact } from '../../../database/types';
import { dtoNamed, homeOf } from '../api/lookup';
import { resultType, serviceParameters } from '../api/signature';
import { dedent, Imports, indent, jsDoc, relativeSpecifier } from '../printer/tsCode';
import { AUTH_SESSIONS_FILE, CLOCK_FILE, collectorName, exceptionClass, moduleClass, moduleFile, PASSWORD_FILE, PRISMA_CLIENT_FILE, PRISMA_SERVICE_FILE, selectName, sessionType, transformerName } from '../../../names/generated';
import { dtoHomes } from '../../../interface/modules';
import { moduleRefusals } from '../../../interface/validateRefusals';
import type { InterfaceArtifact } from '../../../interface/types';
import type { RealizedModule } from '../../../realize/types';
import { hasCollector } from './collectors';
import { declaredIn, identifiersIn } from './identifiers';
import { hasTransformer } from './transformers';


/** Nest's HTTP exceptions an operation body may throw; imported when used. */
export const NEST_EXCEPTIONS = [
  'BadRequestException',
  'ConflictException',
  'ForbiddenException',
  'NotFoundException',
  'UnauthorizedException',
  'GoneException',
  'UnprocessableEntityException',
  'NotImplementedException',
  'ServiceUnavailableException',
  'PreconditionFailedException',
  'HttpException',
  'HttpStatus',
] as const;

/** node:crypto functions a body may use (unguessable codes and tokens); imported when used. */
export const CRYPTO_FUNCTIONS = ['randomBytes', 'randomInt', 'randomUUID', 'timingSafeEqual'] as const;

export const PASSWORD_FUNCTIONS = ['hashPassword', 'verifyPassword'] as const;

/** A block of the rendered file that came from the Realize artifact, so compiler errors can be handed back. */
export interface ServiceRegion {
  /** JSON path in the RealizedModule: `$.helpers` or `$.operations[<i>].body`. */
  path: string;
  /** 0-based, inclusive. */
  startLine: number;
  endLine: number;
}

export interface RenderedService {
  path: string;
  content: string;
  regions: ServiceRegion[];
}

/**
 * `src/<module>/<module>.service.ts`: the module's helpers and one method per operation (artifact
 * order) with the generated signature around the body the model wrote. Imports follow from the names
 * the helpers and bodies use.
 */
export function renderService(api: InterfaceArtifact, database: DatabaseArtifact, realized: RealizedModule): RenderedService {
  const module = realized.name;
  const file = moduleFile(module, 'service');
  const operations = api.operations.filter((operation) => operation.module === module);
  if (operations.length === 0) throw new Error(`realized module "${module}" has no operations in the Interface artifact`);
  const indexes = operations.map((operation) => realized.operations.findIndex((candidate) => candidate.id === operation.id));
  const missing = operations.filter((_, position) => indexes[position]! < 0).map((operation) => operation.id);
  if (missing.length > 0) throw new Error(`realized module "${module}" has no body for the operation(s) ${missing.join(', ')}`);

  const helpers = dedent(realized.helpers);
  const bodies = indexes.map((index) => dedent(realized.operations[index]!.body));
  const used = identifiersIn([helpers, ...bodies].map((lines) => lines.join('\n')).join('\n'));
  const declared = declaredIn(helpers.join('\n'));
  const uses = (name: string) => used.has(name) && !declared.has(name);

  const imports = new Imports()
    .add('@nestjs/common', 'Injectable')
    .add(relativeSpecifier(file, PRISMA_SERVICE_FILE), 'PrismaService')
    .add(relativeSpecifier(file, CLOCK_FILE), 'Clock');
  for (const name of NEST_EXCEPTIONS) if (uses(name)) imports.add('@nestjs/common', name);
  for (const name of CRYPTO_FUNCTIONS) if (uses(name)) imports.add('node:crypto', name);
  if (api.authentication.length > 0) for (const name of PASSWORD_FUNCTIONS) if (uses(name)) imports.add(relativeSpecifier(file, PASSWORD_FILE), name);
  const client = relativeSpecifier(file, PRISMA_CLIENT_FILE);
  if (uses('Prisma')) imports.add(client, 'Prisma');
  for (const dbEnum of database.enums) if (uses(dbEnum.name)) imports.add(client, dbEnum.name);
  // A DTO named like its model (`Todo`) takes the name: the signatures need the DTO.
  const dtoNames = new Set(api.dtos.map((dto) => dto.name));
  for (const model of database.models) if (uses(model.name) && !dtoNames.has(model.name)) imports.add(client, model.name, true);

  const homes = dtoHomes(api);
  const fromModule = (dto: string, kind: 'dto' | 'collectors' | 'transformers') => relativeSpecifier(file, moduleFile(homeOf(homes, dto), kind));
  for (const dto of api.dtos) {
    if (!homes.has(dto.name)) continue;
    if (uses(dto.name)) imports.add(fromModule(dto.name, 'dto'), dto.name, true);
    if (hasCollector(dto) && uses(collectorName(dto.name))) imports.add(fromModule(dto.name, 'collectors'), collectorName(dto.name));
    for (const name of hasTransformer(dto) ? [selectName(dto.name), transformerName(dto.name)] : []) {
      if (uses(name)) imports.add(fromModule(dto.name, 'transformers'), name);
    }
  }
  for (const spec of api.authentication) if (uses(sessionType(spec.actor))) imports.add(relativeSpecifier(file, AUTH_SESSIONS_FILE), sessionType(spec.actor), true);
  // The refusals the module's operations declare, thrown as their generated exception classes.
  for (const refusal of moduleRefusals(api.operations, module)) {
    if (uses(exceptionClass(refusal.code))) imports.add(relativeSpecifier(file, moduleFile(module, 'exceptions')), exceptionClass(refusal.code));
  }

  const lines: string[] = [];
  const regions: ServiceRegion[] = [];
  const methods = operations.map((operation, position) => {
    const parameters = serviceParameters(api, operation);
    for (const parameter of parameters) {
      if (parameter.kind === 'session') for (const type of parameter.type.split(' | ')) imports.add(relativeSpecifier(file, AUTH_SESSIONS_FILE), type, true);
      if (parameter.kind === 'query' || parameter.kind === 'body') imports.add(fromModule(dtoNamed(api, parameter.type, `operation "${operation.id}"`).name, 'dto'), parameter.type, true);
    }
    if (operation.response) imports.add(fromModule(dtoNamed(api, operation.response, `operation "${operation.id}"`).name, 'dto'), operation.response, true);
    const signature = `${operation.id}(${parameters.map((parameter) => `${parameter.name}: ${parameter.type}`).join(', ')}): Promise<${resultType(operation)}>`;
    return { operation, signature, body: bodies[position]!, index: indexes[position]! };
  });

  lines.push(...imports.lines(), '');
  if (helpers.length > 0) {
    regions.push({ path: '$.helpers', startLine: lines.length, endLine: lines.length + helpers.length - 1 });
    lines.push(...helpers, '');
  }
  lines.push('@Injectable()', `export class ${moduleClass(module, 'Service')} {`, '  constructor(private readonly prisma: PrismaService, private readonly clock: Clock) {}');
  for (const { operation, signature, body, index } of methods) {
    lines.push('', ...jsDoc(`${operation.method} ${operation.path}: ${operation.summary}`, '  '), `  async ${signature} {`);
    // An empty body still gets a line, so its region has somewhere to point.
    const block = body.length > 0 ? indent(body, '    ') : [''];
    regions.push({ path: `$.operations[${index}].body`, startLine: lines.length, endLine: lines.length + block.length - 1 });
    lines.push(...block, '  }');
  }
  lines.push('}', '');
  return { path: file, content: lines.join('\n'), regions };
}
