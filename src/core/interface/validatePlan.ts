import type { Issue } from '../diagnostics/issue';
import type { InterfacePlan } from './plan';
import { pathParamNames } from './validateOperations';
import type { DtoSchema, InterfaceArtifact, Operation } from './types';
import { type InterfaceContext, validateInterface } from './validate';

/**
 * The plan's checks: the API's own rules (names, routes, actors, sections, authentication) run on the
 * skeleton the plan describes, and only the problems of what the plan decides are kept, at the plan's
 * paths; then what only a plan has (modules listed once, shared DTOs owned by a planned module).
 */
export function validatePlan(plan: InterfacePlan, context: InterfaceContext): Issue[] {
  const issues: Issue[] = [];
  const error = (path: string, message: string) => void issues.push({ severity: 'error', source: 'interface', path, message });
  const modules = new Set<string>();
  plan.modules.forEach((module, m) => {
    if (modules.has(module.name)) error(`$.modules[${m}].name`, `the module "${module.name}" is listed twice: put all its operations in one entry`);
    modules.add(module.name);
  });
  const shared = new Set<string>();
  plan.shared.forEach((dto, s) => {
    const at = `$.shared[${s}]`;
    if (shared.has(dto.name)) error(`${at}.name`, `"${dto.name}" is shared twice: keep one entry`);
    shared.add(dto.name);
    if (!modules.has(dto.owner)) error(`${at}.owner`, `no planned module is named "${dto.owner}" (modules: ${[...modules].join(', ')})`);
    dto.usedBy.forEach((user, u) => {
      if (!modules.has(user)) error(`${at}.usedBy[${u}]`, `no planned module is named "${user}" (modules: ${[...modules].join(', ')})`);
      else if (user === dto.owner) error(`${at}.usedBy[${u}]`, `"${user}" defines ${dto.name}; "usedBy" lists the other modules`);
    });
  });

  const { artifact, places } = skeleton(plan);
  const seen = new Set<string>();
  for (const issue of validateInterface(artifact, context)) {
    const path = issue.path === undefined ? undefined : planPath(issue.path, places);
    if (path === null) continue;
    const key = `${path}\n${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(path === undefined ? issue : { ...issue, path });
  }
  return issues;
}

/**
 * The API as far as the plan describes it: its authentication, an operation per planned one (path
 * parameters listed, nothing else) and a DTO per shared one; `places` says where each operation is planned.
 */
function skeleton(plan: InterfacePlan): { artifact: InterfaceArtifact; places: string[] } {
  const places: string[] = [];
  const operations: Operation[] = [];
  plan.modules.forEach((module, m) =>
    module.operations.forEach((planned, o) => {
      places.push(`$.modules[${m}].operations[${o}]`);
      operations.push({
        ...planned,
        module: module.name,
        summary: planned.id,
        params: pathParamNames(planned.path).map((name) => ({ name, type: 'integer' })),
        status: planned.method === 'POST' ? 201 : 200,
        errors: [],
      });
    }),
  );
  const dtos: DtoSchema[] = plan.shared.map((dto) => ({ name: dto.name, kind: dto.kind, description: dto.name, ...(dto.model ? { model: dto.model } : {}), properties: [] }));
  return { artifact: { authentication: plan.authentication, dtos, operations }, places };
}

/** Fields of a skeleton operation the plan decides: a problem there is the plan's. */
const PLANNED = new Set(['id', 'method', 'path', 'actor', 'section']);

/**
 * Where a problem of the skeleton sits in the plan: undefined for a problem without a place, null for one
 * about what the module calls decide (DTO contents, statuses, scopes), which the plan cannot fix.
 */
function planPath(path: string, places: readonly string[]): string | undefined | null {
  if (path === '$' || path.startsWith('$.authentication')) return path;
  const operation = /^\$\.operations\[(\d+)\](?:\.([A-Za-z]+))?/.exec(path);
  if (operation) {
    const place = places[Number(operation[1])]!;
    const field = operation[2];
    if (field === 'module') return place.replace(/\.operations\[\d+\]$/, '.name');
    // A path parameter's name is written in the path.
    if (field === 'params' && /\.name$/.test(path)) return `${place}.path`;
    return field !== undefined && PLANNED.has(field) ? `${place}${path.slice(operation[0].length - field.length - 1)}` : null;
  }
  const dto = /^\$\.dtos\[(\d+)\]\.(name|kind|model)$/.exec(path);
  return dto ? `$.shared[${dto[1]}].${dto[2]}` : null;
}
