import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as ts from 'typescript';
import { ANALYZE_SCHEMA } from '../../src/core/analyze/schema';
import { DATABASE_SCHEMA } from '../../src/core/database/schema';
import { MODULE_SCHEMA } from '../../src/core/interface/moduleSchema';
import { PLAN_SCHEMA } from '../../src/core/interface/planSchema';
import { INTERFACE_SCHEMA } from '../../src/core/interface/schema';
import type { JsonSchema } from '../../src/core/model/chat';
import { realizeSchema } from '../../src/core/realize/schema';
import { TEST_SCHEMA } from '../../src/core/scenarios/schema';

/**
 * The JSON schemas the model fills are written by hand (their descriptions are instructions a small model
 * reads), so they are held against the artifact types they stand for: the type must take every answer the
 * schema lets through. Every property of the schema is one of the type, required wherever the type
 * requires it, of a kind the type takes (object, array, string, number, boolean) and, where both list
 * values, only values the type has. The schema may be stricter (an integer id where a value may be any
 * JSON); a property of the type the schema lacks must be one code fills, named below with why.
 */
const FILLED_BY_CODE: Record<string, string> = {
  '$.models[].fields[].relationName': 'the opposite side of a named relation, added by database/backRelations.ts',
};
const root = join(__dirname, '../../..');
const program = ts.createProgram(
  ['analyze/types.ts', 'database/types.ts', 'interface/types.ts', 'interface/plan.ts', 'scenarios/types.ts', 'realize/schema.ts'].map((file) => join(root, 'src/core', file)),
  { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true },
);
const checker = program.getTypeChecker();

/** The declared type of an exported interface or type alias of a file of src/core. */
function typeNamed(file: string, name: string): ts.Type {
  const source = program.getSourceFile(join(root, 'src/core', file))!;
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((candidate) => candidate.name === name);
  assert.ok(symbol, `${file} exports ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

const withoutNullish = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types : [type]).filter((part) => !(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));

function kindOf(type: ts.Type): string {
  const parts = withoutNullish(type);
  const kinds = new Set(
    parts.map((part) => {
      if (part.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return 'string';
      if (part.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return 'number';
      if (part.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean';
      if (checker.isArrayType(part)) return 'array';
      if (part.flags & ts.TypeFlags.Unknown || part.flags & ts.TypeFlags.Any) return 'any';
      return 'object';
    }),
  );
  return [...kinds].sort().join('|');
}

const SCHEMA_KINDS: Record<string, string> = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean', array: 'array', object: 'object' };

/** The literal values a type allows, when it is a union of literals only. */
function literals(type: ts.Type): (string | number)[] | undefined {
  const parts = withoutNullish(type);
  if (!parts.every((part) => part.isStringLiteral() || part.isNumberLiteral())) return undefined;
  return parts.map((part) => (part as ts.LiteralType).value as string | number).sort();
}

/** The object members of a type (a union of objects, such as a field default's kinds, has several). */
const objectsOf = (type: ts.Type): ts.Type[] => withoutNullish(type).filter((part) => kindOf(part) === 'object');

/**
 * A property as the union of objects has it: its symbol in each member that has one, and whether every
 * member requires it (a property some member lacks is optional).
 */
function propertyOf(objects: readonly ts.Type[], name: string): { type: ts.Type; optional: boolean } | undefined {
  const symbols = objects.map((object) => checker.getPropertyOfType(object, name));
  const present = symbols.filter((symbol): symbol is ts.Symbol => symbol !== undefined);
  if (present.length === 0) return undefined;
  const optional = present.length < objects.length || present.some((symbol) => (symbol.flags & ts.SymbolFlags.Optional) !== 0);
  const types = present.map((symbol) => checker.getTypeOfSymbol(symbol));
  return { type: types.length === 1 ? types[0]! : (checker as unknown as { getUnionType(types: ts.Type[]): ts.Type }).getUnionType(types), optional };
}

/** Differences between a schema and the type it stands for, at their paths. */
function compare(schema: JsonSchema, type: ts.Type, path: string, out: string[]): void {
  const kinds = kindOf(type);
  if (kinds === 'any') return;
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) {
    for (const alternative of alternatives) compare(alternative, type, path, out);
    return;
  }
  const declared = ([] as string[]).concat((schema.type as string | string[] | undefined) ?? []).filter((kind) => kind !== 'null');
  if (declared.length === 0) return;
  const taken = new Set(kinds.split('|'));
  const untaken = [...new Set(declared.map((kind) => SCHEMA_KINDS[kind]!))].filter((kind) => !taken.has(kind));
  if (untaken.length) return void out.push(`${path}: the schema allows ${untaken.join(' and ')}, the type takes ${kinds} (${checker.typeToString(type)})`);
  if (Array.isArray(schema.enum)) {
    const values = literals(type);
    const extra = (schema.enum as (string | number)[]).filter((value) => values && !values.includes(value));
    if (extra.length) out.push(`${path}: the schema allows ${extra.join(', ')}, the type takes only ${values!.join(', ')}`);
  }
  if (declared.includes('array')) {
    const array = withoutNullish(type).find((part) => checker.isArrayType(part));
    if (array && schema.items) compare(schema.items as JsonSchema, checker.getTypeArguments(array as ts.TypeReference)[0]!, `${path}[]`, out);
  }
  if (!declared.includes('object')) return;
  const objects = objectsOf(type);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties) {
    // A map: Record<string, X> against additionalProperties.
    const index = objects.map((object) => checker.getIndexInfoOfType(object, ts.IndexKind.String)).find(Boolean);
    if (!index) out.push(`${path}: the schema is a map, the type ${checker.typeToString(type)} is not`);
    else if (typeof schema.additionalProperties === 'object') compare(schema.additionalProperties as JsonSchema, index.type, `${path}{}`, out);
    return;
  }
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [name, property] of Object.entries(properties)) {
    const member = propertyOf(objects, name);
    if (!member) {
      out.push(`${path}.${name}: in the schema, not in ${checker.typeToString(type)}`);
      continue;
    }
    if (!member.optional && !required.has(name)) out.push(`${path}.${name}: optional in the schema, required by the type`);
    compare(property, member.type, `${path}.${name}`, out);
  }
  const names = new Set(objects.flatMap((object) => checker.getPropertiesOfType(object).map((symbol) => symbol.name)));
  for (const name of names) if (!(name in properties) && !FILLED_BY_CODE[`${path}.${name}`]) out.push(`${path}.${name}: in ${checker.typeToString(type)}, not in the schema`);
}

function differences(schema: JsonSchema, file: string, name: string): string[] {
  const out: string[] = [];
  compare(schema, typeNamed(file, name), '$', out);
  return out;
}

describe('the schemas the model fills match the artifact types', () => {
  it('finds a difference where there is one', () => {
    const drifted = structuredClone(ANALYZE_SCHEMA) as { properties: Record<string, JsonSchema>; required: string[] };
    drifted.properties.subtitle = { type: 'string' };
    delete drifted.properties.summary;
    drifted.required = drifted.required.filter((name) => name !== 'title');
    (drifted.properties.actors as { items: { properties: Record<string, JsonSchema> } }).items.properties.kind = { type: 'string', enum: ['guest', 'member', 'owner'] };
    assert.deepEqual(differences(drifted as JsonSchema, 'analyze/types.ts', 'AnalyzeArtifact'), [
      '$.title: optional in the schema, required by the type',
      '$.actors[].kind: the schema allows owner, the type takes only admin, guest, member',
      '$.subtitle: in the schema, not in AnalyzeArtifact',
      '$.summary: in AnalyzeArtifact, not in the schema',
    ]);
    // A field default is a union of kinds: the schema may offer only kinds the type has.
    const database = structuredClone(DATABASE_SCHEMA) as JsonSchema;
    const fields = (database.properties as any).models.items.properties.fields.items.properties;
    fields.default = structuredClone(fields.default);
    const kind = fields.default.properties?.kind ?? fields.default.anyOf?.[0]?.properties?.kind;
    kind.enum = [...kind.enum, 'sequence'];
    assert.deepEqual(differences(database, 'database/types.ts', 'DatabaseArtifact'), ['$.models[].fields[].default.kind: the schema allows sequence, the type takes only autoincrement, cuid, now, uuid, value']);
  });

  for (const [label, schema, file, name] of [
    ['Analyze', ANALYZE_SCHEMA, 'analyze/types.ts', 'AnalyzeArtifact'],
    ['Database', DATABASE_SCHEMA, 'database/types.ts', 'DatabaseArtifact'],
    ['Interface plan', PLAN_SCHEMA, 'interface/plan.ts', 'InterfacePlan'],
    ['Interface module', MODULE_SCHEMA, 'interface/plan.ts', 'ModuleAnswer'],
    ['Interface (whole)', INTERFACE_SCHEMA, 'interface/types.ts', 'InterfaceArtifact'],
    ['Test', TEST_SCHEMA, 'scenarios/types.ts', 'TestArtifact'],
    ['Realize', realizeSchema(true), 'realize/schema.ts', 'RealizeAnswer'],
  ] as const) {
    it(`${label}: ${name}`, () => assert.deepEqual(differences(schema, file, name), []));
  }
});
