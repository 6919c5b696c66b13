import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { JsonSchema } from './chat';

/** A schema violation located at a JSON path of the answer, in words a model can act on. */
export interface PathError {
  path: string;
  expected: string;
  found: string;
}

// Made on first use: building Ajv costs milliseconds the extension should not spend at activation.
let ajv: Ajv | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Validates with a maintained JSON Schema validator (Ajv) and returns every violation with its path. */
export function checkAgainstSchema(schema: JsonSchema, value: unknown): PathError[] {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: false });
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return dedupe((validate.errors ?? []).map((error) => describe(error, value)));
}

/** `/models/2/name` -> `$.models[2].name` */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`))
      .join('')
  );
}

export function appendPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(error: ErrorObject, root: unknown): PathError {
  const path = pointerToPath(error.instancePath);
  const found = show(valueAt(root, error.instancePath));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: appendPath(path, String(params.missingProperty)), expected: 'a value (this property is required)', found: 'nothing' };
    case 'additionalProperties':
      return { path: appendPath(path, String(params.additionalProperty)), expected: 'no such property (remove it)', found: 'an unknown property' };
    case 'type':
      return { path, expected: `a value of type ${String(params.type)}`, found };
    case 'enum':
      return { path, expected: `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, found };
    case 'const':
      return { path, expected: JSON.stringify(params.allowedValue), found };
    case 'maxLength': {
      // Names become file, folder and table names: say how long it is, not only that it is too long.
      const value = valueAt(root, error.instancePath);
      const length = typeof value === 'string' ? value.length : undefined;
      return { path, expected: `at most ${String(params.limit)} characters (shorten it)`, found: length === undefined ? found : `${length} characters: ${found}` };
    }
    default:
      return { path, expected: error.message ?? error.keyword, found };
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function dedupe(errors: PathError[]): PathError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path}|${error.expected}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
