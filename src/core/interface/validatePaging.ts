import type { InterfaceCheck } from './check';
import type { DtoProperty, DtoSchema, Operation } from './types';

/** The largest page a list may answer: a request cannot make the server read a whole table. */
export const PAGE_SIZE_MAX = 100;

/** `{ items, total, page, pageSize }`: a response DTO with a list of `items` is a page. */
export const isPage = (dto: DtoSchema | undefined): boolean => dto?.kind === 'response' && dto.properties.some((property) => property.name === 'items' && property.list === true);

/**
 * Every list is paged: an answer that is an array of records is refused, a page DTO must have its four
 * parts, and the operation answering it takes `page` and `pageSize` (at most PAGE_SIZE_MAX) in its query.
 * A table of 300 posts answered whole was 6 MB; a page of 20 is what a client shows anyway.
 */
export function validatePaging(check: InterfaceCheck): void {
  const pages = new Set<string>();
  check.artifact.operations.forEach((operation, o) => {
    const path = `$.operations[${o}]`;
    const response = operation.response === undefined ? undefined : check.dtos.get(operation.response);
    if (operation.responseList) {
      const item = operation.response ?? 'Item';
      check.error(
        `${path}.responseList`,
        `every list answers one page at a time: leave "responseList" out and answer a page DTO such as "${pageName(item)}" { items (object, list, dto "${item}"), total, page, pageSize (integers) }, with "page" and "pageSize" in the operation's query DTO`,
      );
    } else if (isPage(response)) {
      pages.add(response!.name);
      pagedQuery(check, operation, path);
    }
  });
  // A DTO another rule found fault with is left to that rule: one problem, one message.
  check.artifact.dtos.forEach((dto, d) => {
    if (pages.has(dto.name) && !check.reported(`$.dtos[${d}]`)) pageShape(check, dto, `$.dtos[${d}]`);
  });
}

const pageName = (item: string): string => `${item.replace(/(Summary|View|Detail|Details)$/, '')}Page`;

function pageShape(check: InterfaceCheck, dto: DtoSchema, path: string): void {
  const items = dto.properties.find((property) => property.name === 'items')!;
  const at = `${path}.properties[${dto.properties.indexOf(items)}]`;
  if (items.type !== 'object' || items.dto === undefined) check.error(`${at}.type`, `"items" of a page is a list of a response DTO: "type": "object", "list": true, "dto": the DTO of one item`);
  if (dto.model !== undefined) check.error(`${path}.model`, `a page is not a row of ${dto.model}: leave "model" out of ${dto.name} and keep it on the DTO of its items`);
  for (const name of ['total', 'page', 'pageSize']) {
    const property = dto.properties.find((candidate) => candidate.name === name);
    if (!property) check.error(`${path}.properties`, `a page says where it is: add { "name": "${name}", "type": "integer" } to ${dto.name} (items, total, page, pageSize)`);
    else if (property.type !== 'integer' || property.list || property.nullable) {
      check.error(`${path}.properties[${dto.properties.indexOf(property)}]`, `"${name}" of a page is a plain integer: "type": "integer", not a list, not nullable`);
    }
  }
}

function pagedQuery(check: InterfaceCheck, operation: Operation, path: string): void {
  const query = operation.query === undefined ? undefined : check.dtos.get(operation.query);
  const wanted = `"page" (integer, optional, minimum 1, default 1) and "pageSize" (integer, optional, minimum 1, maximum ${PAGE_SIZE_MAX} or less, default 20)`;
  if (!query || query.kind !== 'query') {
    if (operation.query === undefined) check.error(`${path}.query`, `${operation.id} answers a page: give it a query DTO with ${wanted}`);
    return;
  }
  const d = check.artifact.dtos.indexOf(query);
  if (check.reported(`$.dtos[${d}]`)) return;
  for (const name of ['page', 'pageSize'] as const) {
    const property = query.properties.find((candidate) => candidate.name === name);
    if (!property) {
      check.error(`$.dtos[${d}].properties`, `${operation.id} answers a page, so its query ${query.name} takes ${wanted}: add "${name}"`);
      continue;
    }
    const problem = pagingProblem(property);
    if (problem) check.error(`$.dtos[${d}].properties[${query.properties.indexOf(property)}]`, `"${name}" of ${query.name}: ${problem}`);
  }
}

function pagingProblem(property: DtoProperty): string | undefined {
  if (property.type !== 'integer' || property.list) return 'an integer';
  if (!property.optional || property.default === undefined) return 'optional, with a default (1 for "page", 20 for "pageSize")';
  if (property.minimum === undefined || property.minimum < 1) return '"minimum": 1';
  if (property.name === 'pageSize' && (property.maximum === undefined || property.maximum > PAGE_SIZE_MAX)) {
    return `"maximum" of ${PAGE_SIZE_MAX} or less, so no request reads a whole table`;
  }
  return undefined;
}
