import { ACCESS_FILE, AUTH_GUARDS_FILE, AUTH_SESSIONS_FILE, camelCase, CURRENT_CALLER, currentActorDecorator, guardOf, INT_PARAM_FILE, moduleClass, moduleFile } from '../../../names/generated';
import { dtoHomes, modulesOf } from '../../../interface/modules';
import type { HttpMethod, InterfaceArtifact, Operation } from '../../../interface/types';
import { homeOf } from './lookup';
import { type ActorKind, type ServiceParameter, resultType, serviceParameters } from './signature';
import { Imports, jsDoc, relativeSpecifier } from '../printer/tsCode';
import { quote } from '../printer/literals';

const NEST = '@nestjs/common';

/**
 * `@IntParam(name)`: an integer path parameter read from the raw path, positive and within Prisma's Int
 * (rendered with the app, `target/nest-prisma/project/app.ts`). `@Param(name, ParseIntPipe)` cannot be that
 * strict: the global ValidationPipe has already turned the text into a number, `1e3` into 1000.
 */

const ROUTE: Record<HttpMethod, string> = { GET: 'Get', POST: 'Post', PUT: 'Put', PATCH: 'Patch', DELETE: 'Delete' };

/**
 * Express matches routes in the order they are declared, so `GET /todos/{id}` declared first would
 * swallow `GET /todos/overdue`. Fixed segments go before parameters; the artifact's order is kept otherwise.
 */
function routeOrder(operations: Operation[]): Operation[] {
  const kinds = (operation: Operation) => operation.path.split('/').filter(Boolean).map((segment) => (segment.startsWith('{') ? 1 : 0));
  return [...operations].sort((a, b) => {
    const [x, y] = [kinds(a), kinds(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    // Paths of different lengths never match the same URL; shorter first keeps the order total.
    return x.length - y.length;
  });
}

/**
 * `src/<module>/<module>.controller.ts` for every module: routes, status codes, guards and parameter
 * decorators from the operations; each method hands its arguments to the service method of the same name.
 * `actors` (Analyze) tell guest actors apart; without them an actor is signed in when it has authentication.
 */
export function renderControllers(api: InterfaceArtifact, actors?: ActorKind[]): Map<string, string> {
  const homes = dtoHomes(api);
  const files = new Map<string, string>();
  for (const module of modulesOf(api)) {
    const file = moduleFile(module, 'controller');
    const service = moduleClass(module, 'Service');
    const field = camelCase(module);
    const imports = new Imports().add(NEST, 'Controller').add(relativeSpecifier(file, moduleFile(module, 'service')), service);
    const methods = routeOrder(api.operations.filter((operation) => operation.module === module))
      .map((operation) => renderMethod(operation, serviceParameters(api, operation, actors), field, file, homes, imports));
    files.set(
      file,
      [
        ...imports.lines(),
        '',
        '@Controller()',
        `export class ${moduleClass(module, 'Controller')} {`,
        `  constructor(private readonly ${field}: ${service}) {}`,
        '',
        methods.map((lines) => lines.join('\n')).join('\n\n'),
        '}',
        '',
      ].join('\n'),
    );
  }
  return files;
}


/** `/todos/{id}` -> `todos/:id`; the whole path sits on the method so any set of paths fits one controller. */
export function routePath(path: string): string {
  return path.replace(/^\/+/, '').replace(/\{([^}]+)\}/g, ':$1');
}

/** Nest answers POST with 201 and everything else with 200 unless told otherwise. */
const defaultStatus = (method: HttpMethod): number => (method === 'POST' ? 201 : 200);

function renderMethod(operation: Operation, parameters: ServiceParameter[], field: string, file: string, homes: Map<string, string>, imports: Imports): string[] {
  const route = ROUTE[operation.method];
  const path = routePath(operation.path);
  imports.add(NEST, route);
  const lines = [...jsDoc(`${operation.method} ${operation.path}: ${operation.summary}`, '  '), `  @${route}(${path ? quote(path) : ''})`];
  if (operation.status !== defaultStatus(operation.method)) {
    imports.add(NEST, 'HttpCode');
    lines.push(`  @HttpCode(${operation.status})`);
  }
  const dtoFrom = (dto: string) => relativeSpecifier(file, moduleFile(homeOf(homes, dto), 'dto'));
  const declared = parameters.map((parameter) => {
    switch (parameter.kind) {
      case 'session': {
        const actors = parameter.actors!;
        const decorator = actors.length === 1 ? currentActorDecorator(actors[0]!) : CURRENT_CALLER;
        imports.add(relativeSpecifier(file, AUTH_GUARDS_FILE), guardOf(actors));
        imports.add(relativeSpecifier(file, AUTH_SESSIONS_FILE), decorator);
        for (const type of parameter.type.split(' | ')) imports.add(relativeSpecifier(file, AUTH_SESSIONS_FILE), type, true);
        imports.add(NEST, 'UseGuards');
        lines.push(`  @UseGuards(${guardOf(actors)})`);
        return `@${decorator}() ${parameter.name}: ${parameter.type}`;
      }
      case 'param':
        if (parameter.param!.type === 'integer') {
          imports.add(relativeSpecifier(file, INT_PARAM_FILE), 'IntParam');
          return `@IntParam(${quote(parameter.param!.name)}) ${parameter.name}: ${parameter.type}`;
        }
        imports.add(NEST, 'Param');
        return `@Param(${quote(parameter.param!.name)}) ${parameter.name}: ${parameter.type}`;
      case 'query':
      case 'body':
        // A value import: the ValidationPipe reads the class from the parameter's design type.
        imports.add(NEST, parameter.kind === 'query' ? 'Query' : 'Body');
        imports.add(dtoFrom(parameter.type), parameter.type);
        return `@${parameter.kind === 'query' ? 'Query' : 'Body'}() ${parameter.name}: ${parameter.type}`;
    }
  });
  if (operation.response) imports.add(dtoFrom(operation.response), operation.response, true);
  if (!parameters.some((parameter) => parameter.kind === 'session')) {
    // Guests call it: said out loud, since the global AccessGuard refuses any route that names no actor.
    imports.add(relativeSpecifier(file, ACCESS_FILE), 'Public');
    lines.splice(lines.findIndex((line) => line.startsWith('  @')) + 1, 0, '  @Public()');
  }
  lines.push(
    `  ${operation.id}(${declared.join(', ')}): Promise<${resultType(operation)}> {`,
    `    return this.${field}.${operation.id}(${parameters.map((parameter) => parameter.name).join(', ')});`,
    '  }',
  );
  return lines;
}
