// Fails the build when openapi.json and the compiled code describe different APIs: routes, success
// statuses, body properties and query parameters (which exist, which are required, their lengths, bounds
// and allowed values). Controllers marked
// @ApiExcludeController() (health) are not part of the document.
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const documentFile = new URL('openapi.json', root);
if (!existsSync(documentFile)) {
  console.log('check-openapi: no openapi.json, nothing to check (the server then serves no docs)');
  process.exit(0);
}
// Loading the app module reads the configuration; the build is not the server, so its own defaults do.
process.env.NODE_ENV = 'development';
await import('reflect-metadata');
const { getMetadataStorage } = await import('class-validator');
const { AppModule } = await import(new URL('dist/src/app.module.js', root).href);
const document = JSON.parse(readFileSync(documentFile, 'utf8'));

const METHODS = ['get', 'post', 'put', 'delete', 'patch']; // Nest's RequestMethod 0-4
const BODY = 3;
const QUERY = 4;
const problems = [];

function controllersOf(module, seen = new Set()) {
  const type = module?.module ?? module;
  if (!type || seen.has(type)) return [];
  seen.add(type);
  const own = [...(Reflect.getMetadata('controllers', type) ?? []), ...(module.controllers ?? [])];
  const imports = [...(Reflect.getMetadata('imports', type) ?? []), ...(module.imports ?? [])];
  return [...own, ...imports.flatMap((child) => controllersOf(child, seen))];
}

const join = (...parts) => '/' + parts.flatMap((part) => String(part ?? '').split('/')).filter(Boolean).join('/');
const templated = (path) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** class-validator's rule name -> the OpenAPI keyword it stands for, with the rule's first constraint as its value. */
const LIMITS = { minLength: 'minLength', maxLength: 'maxLength', min: 'minimum', max: 'maximum', isIn: 'enum' };

/**
 * Property name -> { required, limits }, from class-validator's rules on a DTO class: a property is
 * optional when a condition (@IsOptional, @ValidateIf) skips its checks for a value left out; its limits
 * are its lengths, bounds and allowed values.
 */
function propertiesOf(type) {
  const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const properties = new Map();
  for (const rule of rules) if (!properties.has(rule.propertyName)) properties.set(rule.propertyName, { required: true, limits: {} });
  for (const rule of rules) {
    const property = properties.get(rule.propertyName);
    if (rule.type === 'conditionalValidation' && rule.constraints?.[0]?.({}, undefined) === false) property.required = false;
    const keyword = LIMITS[rule.name];
    if (keyword && !rule.each) property.limits[keyword] = rule.constraints?.[0];
  }
  return properties;
}

/** The same, as openapi.json describes an object schema or a list of query parameters. */
function documentedOf(entries) {
  return new Map(entries.map(([name, required, schema]) => [name, { required, limits: Object.fromEntries(Object.values(LIMITS).filter((keyword) => schema?.[keyword] !== undefined).map((keyword) => [keyword, schema[keyword]])) }]));
}

function schemaOf(reference) {
  const name = reference?.$ref?.split('/').pop();
  return name ? document.components?.schemas?.[name] : reference;
}

function compare(where, code, documented) {
  const shown = (value) => JSON.stringify(value) ?? 'none';
  for (const [name, property] of code) {
    const described = documented.get(name);
    if (!described) {
      problems.push(`${where}: "${name}" is in the code but not in openapi.json`);
      continue;
    }
    if (described.required !== property.required) problems.push(`${where}: "${name}" is ${property.required ? 'required' : 'optional'} in the code, ${described.required ? 'required' : 'optional'} in openapi.json`);
    for (const keyword of Object.values(LIMITS)) {
      const [inCode, inDocument] = [property.limits[keyword], described.limits[keyword]];
      if (inCode !== undefined && shown(inCode) !== shown(inDocument)) problems.push(`${where}: "${name}" has ${keyword} ${shown(inCode)} in the code, ${shown(inDocument)} in openapi.json`);
    }
  }
  for (const name of documented.keys()) if (!code.has(name)) problems.push(`${where}: "${name}" is in openapi.json but not in the code`);
}

const routes = new Set();
for (const controller of controllersOf(AppModule)) {
  if (Reflect.getMetadata('swagger/apiExcludeController', controller)?.[0]) continue;
  const base = Reflect.getMetadata('path', controller);
  for (const name of Object.getOwnPropertyNames(controller.prototype)) {
    const handler = controller.prototype[name];
    const method = METHODS[Reflect.getMetadata('method', handler)];
    if (name === 'constructor' || typeof handler !== 'function' || method === undefined) continue;
    if (Reflect.getMetadata('swagger/apiExcludeEndpoint', handler)?.disable) continue;
    const path = templated(join(base, Reflect.getMetadata('path', handler)));
    const route = `${method.toUpperCase()} ${path}`;
    routes.add(route);
    const operation = document.paths?.[path]?.[method];
    if (!operation) {
      problems.push(`${route} is in the code but not in openapi.json`);
      continue;
    }
    const status = Reflect.getMetadata('__httpCode__', handler) ?? (method === 'post' ? 201 : 200);
    const success = Object.keys(operation.responses ?? {}).filter((code) => code.startsWith('2'));
    if (!success.includes(String(status))) problems.push(`${route} answers ${status} in the code, ${success.join(' or ') || 'no success'} in openapi.json`);
    const types = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
    const argument = (kind) => Object.entries(Reflect.getMetadata('__routeArguments__', controller, name) ?? {}).find(([key]) => Number(key.split(':')[0]) === kind)?.[1];
    const body = argument(BODY);
    const bodySchema = schemaOf(operation.requestBody?.content?.['application/json']?.schema);
    if (body && !bodySchema) problems.push(`${route} takes a body in the code but none in openapi.json`);
    else if (!body && bodySchema) problems.push(`${route} takes a body in openapi.json but none in the code`);
    else if (body) {
      const required = new Set(bodySchema.required ?? []);
      compare(`${route} body`, propertiesOf(types[body.index]), documentedOf(Object.entries(bodySchema.properties ?? {}).map(([key, schema]) => [key, required.has(key), schema])));
    }
    const query = argument(QUERY);
    const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
    const documented = documentedOf(parameters.map((parameter) => [parameter.name, parameter.required === true, parameter.schema]));
    compare(`${route} query`, query ? propertiesOf(types[query.index]) : new Map(), documented);
  }
}
for (const [path, item] of Object.entries(document.paths ?? {})) {
  for (const method of METHODS) if (item[method] && !routes.has(`${method.toUpperCase()} ${path}`)) problems.push(`${method.toUpperCase()} ${path} is in openapi.json but not in the code`);
}

if (problems.length > 0) {
  console.error(`check-openapi: openapi.json does not describe the code (${problems.length} difference${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}\nChange the code or the document so that they agree.`);
  process.exit(1);
}
console.log(`check-openapi: openapi.json describes the code's ${routes.size} routes`);
