import { actorKind, fieldOf, identifierOf, type InterfaceCheck, listNames, sessionActorOf } from './check';
import { IDENTIFIER_MAX, lengthProblem, OPERATION_PATH_MAX, PATH_SEGMENT_MAX, RESERVED_WORDS, TAKEN_PARAMETERS } from '../names/limits';
import { signsUp } from './auth';
import { CALLER } from '../names/generated';
import type { DtoKind, Operation } from './types';

const STATIC_SEGMENT = /^[a-z0-9][a-z0-9-]*$/;
const PARAM_SEGMENT = /^\{[a-z][A-Za-z0-9]*\}$/;

/** Why `path` is not a route this project accepts, or undefined when it is one. */
export function pathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return `paths start with "/", e.g. "/todos/{id}"; found "${path}"`;
  const segments = path.slice(1).split('/');
  if (segments.some((segment) => segment === '')) return `"${path}" has an empty segment: no "//" and no trailing "/"`;
  const bad = segments.find((segment) => !STATIC_SEGMENT.test(segment) && !PARAM_SEGMENT.test(segment));
  if (bad) return `"${bad}" in "${path}" is neither a lower-case word (a-z, 0-9, -) nor a camelCase {parameter}, e.g. "/todo-lists/{listId}"`;
  for (const segment of segments) {
    const long = PARAM_SEGMENT.test(segment)
      ? lengthProblem(segment.slice(1, -1), IDENTIFIER_MAX, 'path parameters', 'they become method parameters')
      : lengthProblem(segment, PATH_SEGMENT_MAX, 'path segments', 'long URLs are hard to read and call');
    if (long) return long;
  }
  return lengthProblem(path, OPERATION_PATH_MAX, 'paths', 'long URLs are hard to read and call');
}

/** `GET /todos/{}`: two routes differing only in a parameter's name are the same route. */
export const routeKey = (method: string, path: string): string => `${method} ${path.replace(/\{[^}]*\}/g, '{}')}`;

export const pathParamNames = (path: string): string[] => [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!);

export function validateOperations(check: InterfaceCheck): void {
  // The generated sign-up and login routes take their places first.
  const routes = new Map<string, string>();
  for (const spec of check.artifact.authentication) {
    const base = spec.path.replace(/\/+$/, '');
    if (signsUp(spec)) routes.set(routeKey('POST', `${base}/signup`), `the generated sign-up route of "${spec.actor}"`);
    if (!routes.has(routeKey('POST', `${base}/login`))) routes.set(routeKey('POST', `${base}/login`), `the generated login route of "${spec.actor}"`);
  }
  check.artifact.operations.forEach((operation, o) => validateOperation(check, operation, `$.operations[${o}]`, routes));
}

function validateOperation(check: InterfaceCheck, operation: Operation, path: string, routes: Map<string, string>): void {
  const { error, analysis } = check;
  validateGrants(check, operation, path);
  if (analysis && !analysis.sections.some((section) => section.id === operation.section)) {
    const sections = analysis.sections.map((section) => section.id);
    check.lacks(`${path}.section`, `unknown requirement section "${operation.section}" (sections: ${listNames(sections)})`, operation.section, sections, 'analyze');
  }
  const model = operation.model === undefined ? undefined : check.models.get(operation.model);
  if (operation.model !== undefined && !model) {
    check.lacks(`${path}.model`, `unknown model "${operation.model}" (models: ${listNames(check.models.keys())})`, operation.model, check.models.keys(), 'database');
  }

  const problem = pathProblem(operation.path);
  if (problem) error(`${path}.path`, problem);
  else {
    const key = routeKey(operation.method, operation.path);
    const owner = routes.get(key);
    if (owner) error(`${path}.path`, `${operation.method} ${operation.path} is already ${owner}: use another path or method`);
    else routes.set(key, `operation "${operation.id}"`);
  }

  const inPath = problem ? [] : pathParamNames(operation.path);
  const listed = new Set<string>();
  operation.params.forEach((param, p) => {
    const at = `${path}.params[${p}]`;
    const long = lengthProblem(param.name, IDENTIFIER_MAX, 'path parameters', 'they become method parameters');
    if (long) error(`${at}.name`, long);
    else if (listed.has(param.name)) error(`${at}.name`, `the parameter "${param.name}" is listed twice`);
    else {
      const taken = parameterNameProblem(check, operation, param.name);
      if (taken) error(`${at}.name`, `"${param.name}" becomes a method parameter and is ${taken}: rename {${param.name}} in the path and here, e.g. "${param.name}Id"`);
    }
    listed.add(param.name);
    if (!problem && !inPath.includes(param.name)) {
      error(`${at}.name`, `"{${param.name}}" is not in the path "${operation.path}" (its parameters: ${listNames(inPath)}): rename it or remove it`);
    }
    if (param.column === undefined) return;
    if (operation.model === undefined) return error(`${at}.column`, `set the operation's "model": a parameter's column is a field of it`);
    if (!model) return;
    const field = fieldOf(model, param.column);
    const keys = model.fields.filter((candidate) => candidate.type === 'Int' || candidate.type === 'String').map((candidate) => candidate.name);
    if (!field) {
      return check.lacks(`${at}.column`, `${model.name} has no field "${param.column}" (Int and String fields: ${listNames(keys)})`, param.column, keys, 'database');
    }
    const expected = field.type === 'Int' ? 'integer' : field.type === 'String' ? 'string' : undefined;
    if (!expected) error(`${at}.column`, `${model.name}.${field.name} is ${field.type}; path parameters identify records by an Int or String column (${listNames(keys)})`);
    else if (param.type !== expected) error(`${at}.type`, `${model.name}.${field.name} is ${field.type}, so the parameter's type is "${expected}"`);
  });
  for (const name of inPath) {
    if (!listed.has(name)) error(`${path}.params`, `the path has "{${name}}": add { "name": "${name}", "type": "integer" or "string", "column": the field it identifies } to "params"`);
  }

  const refer = (key: 'query' | 'body' | 'response', kind: DtoKind) => {
    const name = operation[key];
    if (name === undefined) return;
    const dto = check.dtos.get(name);
    const options = listNames(check.artifact.dtos.filter((candidate) => candidate.kind === kind).map((candidate) => candidate.name));
    if (!dto) error(`${path}.${key}`, `no DTO is named "${name}" (${kind} DTOs: ${options})`);
    else if (dto.kind !== kind) error(`${path}.${key}`, `"${name}" is a ${dto.kind} DTO; "${key}" names a ${kind} DTO (${kind} DTOs: ${options})`);
  };
  refer('query', 'query');
  refer('body', 'body');
  refer('response', 'response');

  if (operation.body !== undefined && (operation.method === 'GET' || operation.method === 'DELETE')) {
    error(`${path}.body`, `${operation.method} requests carry no body: remove "body"${operation.method === 'GET' ? ' (filters go in a query DTO)' : ''}`);
  }
  if (operation.status === 204 && operation.response !== undefined) error(`${path}.status`, '204 answers nothing: remove "response", or answer 200/201 with it');
  if (operation.status !== 204 && operation.response === undefined) error(`${path}.response`, `status ${operation.status} answers a "response" DTO: name one, or use 204 when nothing is answered`);
  if (operation.responseList && operation.response === undefined) error(`${path}.responseList`, '"responseList" needs a "response" DTO');

  const statuses = new Set<number>();
  operation.errors.forEach((entry, e) => {
    if (statuses.has(entry.status)) error(`${path}.errors[${e}].status`, `${entry.status} is documented twice: keep one entry per status`);
    statuses.add(entry.status);
  });
}

/**
 * Who may call the operation: known actors, each once; a signed-in actor has an authentication entry;
 * a public operation (a guest) is for everyone, so it admits no signed-in actor beside it; `own` only for
 * actors who have records of their own.
 */
function validateGrants(check: InterfaceCheck, operation: Operation, path: string): void {
  const { error, analysis } = check;
  const known = listNames(analysis?.actors.map((actor) => actor.name) ?? []);
  const entries: { actor: string; scope?: string; at: string }[] = [
    { actor: operation.actor, scope: operation.scope, at: path },
    ...(operation.alsoAllowed ?? []).map((grant, g) => ({ actor: grant.actor, scope: grant.scope, at: `${path}.alsoAllowed[${g}]` })),
  ];
  const seen = new Set<string>();
  let guest: string | undefined;
  const signedIn: string[] = [];
  for (const entry of entries) {
    const kind = actorKind(check, entry.actor);
    if (!kind) {
      check.lacks(`${entry.at}.actor`, `unknown actor "${entry.actor}" (actors: ${known})`, entry.actor, analysis?.actors.map((actor) => actor.name) ?? [], 'analyze');
      continue;
    }
    if (seen.has(entry.actor)) error(`${entry.at}.actor`, `"${entry.actor}" is already allowed to call ${operation.id}: list each actor once`);
    seen.add(entry.actor);
    if (kind === 'guest') {
      guest = entry.actor;
      if (entry.scope === 'own') error(`${entry.at}.scope`, `"${entry.actor}" is a guest and has no records of its own: leave "scope" out`);
    } else if (!check.auth.has(entry.actor)) {
      error(`${entry.at}.actor`, `"${entry.actor}" must log in to call this: add an "authentication" entry for "${entry.actor}", or give public operations to a guest actor`);
    } else signedIn.push(entry.actor);
  }
  if (guest && signedIn.length > 0) {
    const them = signedIn.map((actor) => `"${actor}"`).join(', ');
    error(
      `${path}.alsoAllowed`,
      `${operation.id} is public (the guest "${guest}" may call it), so everyone may, signed in or not: remove ${them} from it, and give what signed-in callers see beyond the public its own operation (e.g. "/events/managed")`,
    );
  }
}

/** Why a path parameter cannot take this name in the generated controller and service methods. */
function parameterNameProblem(check: InterfaceCheck, operation: Operation, name: string): string | undefined {
  if (RESERVED_WORDS.has(name)) return 'a reserved word in TypeScript';
  const signedIn = [operation.actor, ...(operation.alsoAllowed ?? []).map((grant) => grant.actor)].filter((actor) => sessionActorOf(check, actor) !== undefined);
  if (signedIn.length > 1 && name === CALLER) return `already the parameter holding the session of the caller (a ${signedIn.join(' or ')})`;
  const actor = signedIn.length === 1 ? signedIn[0] : undefined;
  if (actor !== undefined && identifierOf(actor) === name) return `already the parameter holding the session of the signed-in ${actor}`;
  const taken = TAKEN_PARAMETERS.get(name);
  return taken ? `already ${taken}` : undefined;
}
