import * as assert from 'node:assert/strict';
import { nestPrisma } from '../../../src/core/target/nest-prisma';
import { renderRequirements } from '../../../src/core/target/nest-prisma/docs/requirements';
import { ANALYZE_SCHEMA } from '../../../src/core/analyze/schema';
import type { AnalyzeArtifact } from '../../../src/core/analyze/types';
import { validateAnalyze } from '../../../src/core/analyze/validate';
import { compileDatabase } from '../../../src/core/database/compile';
import { ENUM_NAME_MAX, ENUM_VALUE_MAX, FIELD_NAME_MAX, MODEL_NAME_MAX, RELATION_NAME_MAX, SCHEMA_FILE_MAX } from '../../../src/core/database/names';
import { DATABASE_SCHEMA } from '../../../src/core/database/schema';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import { validateDatabase } from '../../../src/core/database/validate';
import type { Issue } from '../../../src/core/diagnostics/issue';
import { AUTH_PREFIX_MAX, DTO_NAME_MAX, IDENTIFIER_MAX, MODULE_NAME_MAX, OPERATION_PATH_MAX, PATH_SEGMENT_MAX, SECTION_ID_MAX } from '../../../src/core/names/limits';
import { INTERFACE_SCHEMA } from '../../../src/core/interface/schema';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import { validateInterface } from '../../../src/core/interface/validate';
import type { JsonSchema } from '../../../src/core/model/chat';
import { checkAgainstSchema } from '../../../src/core/model/schemaCheck';
import { typedCall } from '../../../src/core/model/typedCall';
import { pathProblems } from '../../../src/core/project/portablePaths';
import { derivedSlots } from '../../../src/core/interface/modules';
import { type RealizeAnswer, realizeSchema } from '../../../src/core/realize/schema';
import { validateRealizeAnswer } from '../../../src/core/realize/validate';
import { TEST_SCHEMA } from '../../../src/core/scenarios/schema';
import type { TestArtifact } from '../../../src/core/scenarios/types';
import { validateScenarios } from '../../../src/core/scenarios/validate';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { type CorruptionKind, WeakModel } from '../../fakes/weakModel';
import { blogAnswer, blogApi, blogScenarios } from '../../fixtures/blog/fixtures';
import type { FixtureApp } from '../../fixtures/fixtureApp';
import { scriptedAnswer, scriptedApi, scriptedScenarios } from '../../fixtures/todo/fixtures';

type Answer = FixtureApp['answer'];

/** One phase of a reference app: its answer, the JSON schema the model fills, and the phase's rules. */
interface Phase {
  schema: JsonSchema;
  answer(): unknown;
  validate(value: unknown): Issue[];
}

function phasesOf(answer: Answer, scenarios: FixtureApp['scenarios'], api: FixtureApp['api'], module: string): Record<'analyze' | 'database' | 'interface' | 'test', Phase> {
  const analysis = () => answer<AnalyzeArtifact>('analyze', 'requirements.json');
  const database = () => answer<DatabaseArtifact>('database', 'data_model.json');
  return {
    analyze: { schema: ANALYZE_SCHEMA, answer: analysis, validate: (value) => validateAnalyze(value as AnalyzeArtifact) },
    database: { schema: DATABASE_SCHEMA, answer: database, validate: (value) => validateDatabase(value as DatabaseArtifact, 'postgresql') },
    interface: { schema: INTERFACE_SCHEMA, answer: api, validate: (value) => validateInterface(value as InterfaceArtifact, { analysis: analysis(), database: database() }) },
    test: {
      schema: TEST_SCHEMA,
      answer: () => scenarios<TestArtifact>(module),
      validate: (value) => validateScenarios(value as TestArtifact, { api: api(), database: database(), analysis: analysis(), module }),
    },
  };
}
const todo = phasesOf(scriptedAnswer, scriptedScenarios, scriptedApi, 'todos');
const blog = phasesOf(blogAnswer, blogScenarios, blogApi, 'posts');

/** Sets the value at `$.a[0].b` in place. */
function setAt(root: unknown, path: string, value: unknown): void {
  const keys = [...path.slice(1).matchAll(/\.(\w+)|\[(\d+)\]/g)].map((match) => match[1] ?? Number(match[2]));
  const parent = keys.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as Record<string | number, unknown>;
  parent[keys.at(-1)!] = value;
}

/** A name of `length` characters fitting each pattern. */
const camel = (length: number) => `a${'b'.repeat(length - 1)}`;
const pascal = (length: number) => `A${'b'.repeat(length - 1)}`;
const lower = (length: number) => 'a'.repeat(length);
/** A route of `length` characters whose segments are within their own limit. */
const route = (length: number) => {
  let path = '';
  while (path.length < length) path += `/${'a'.repeat(Math.min(PATH_SEGMENT_MAX, length - path.length - 1))}`;
  return path;
};
/** A one-segment route whose segment has `length` characters. */
const segment = (length: number) => `/${'a'.repeat(length)}`;
/** A route prefix of `length` characters in all. */
const prefix = (length: number) => `/${'a'.repeat(length - 1)}`;

interface Limit {
  label: string;
  phase: Phase;
  path: string;
  max: number;
  name(length: number): string;
  /** The JSON schema states the limit too (false where a pattern cannot: one segment of a path). */
  inSchema: boolean;
}

const limits: Limit[] = [
  { label: 'actor names', phase: todo.analyze, path: '$.actors[1].name', max: IDENTIFIER_MAX, name: camel, inSchema: true },
  { label: 'section ids', phase: todo.analyze, path: '$.sections[1].id', max: SECTION_ID_MAX, name: lower, inSchema: true },
  { label: 'model names', phase: todo.database, path: '$.models[1].name', max: MODEL_NAME_MAX, name: pascal, inSchema: true },
  { label: 'field names', phase: todo.database, path: '$.models[1].fields[1].name', max: FIELD_NAME_MAX, name: camel, inSchema: true },
  { label: 'schema file names of models', phase: todo.database, path: '$.models[1].file', max: SCHEMA_FILE_MAX, name: lower, inSchema: true },
  { label: 'relation names', phase: todo.database, path: '$.models[1].fields[9].relation.name', max: RELATION_NAME_MAX, name: camel, inSchema: true },
  { label: 'enum names', phase: blog.database, path: '$.enums[0].name', max: ENUM_NAME_MAX, name: pascal, inSchema: true },
  { label: 'enum values', phase: blog.database, path: '$.enums[0].values[1]', max: ENUM_VALUE_MAX, name: lower, inSchema: true },
  { label: 'schema file names of enums', phase: blog.database, path: '$.enums[0].file', max: SCHEMA_FILE_MAX, name: lower, inSchema: true },
  { label: 'DTO names', phase: todo.interface, path: '$.dtos[4].name', max: DTO_NAME_MAX, name: pascal, inSchema: true },
  { label: 'DTO property names', phase: todo.interface, path: '$.dtos[4].properties[1].name', max: IDENTIFIER_MAX, name: camel, inSchema: true },
  { label: 'operation ids', phase: todo.interface, path: '$.operations[0].id', max: IDENTIFIER_MAX, name: camel, inSchema: true },
  { label: 'modules', phase: todo.interface, path: '$.operations[0].module', max: MODULE_NAME_MAX, name: lower, inSchema: true },
  { label: 'operation paths', phase: todo.interface, path: '$.operations[0].path', max: OPERATION_PATH_MAX, name: route, inSchema: true },
  { label: 'path segments', phase: todo.interface, path: '$.operations[0].path', max: PATH_SEGMENT_MAX, name: segment, inSchema: false },
  { label: 'path parameters', phase: todo.interface, path: '$.operations[2].params[0].name', max: IDENTIFIER_MAX, name: camel, inSchema: true },
  { label: 'authentication prefixes', phase: todo.interface, path: '$.authentication[0].path', max: AUTH_PREFIX_MAX, name: prefix, inSchema: true },
  { label: 'given step names', phase: todo.test, path: '$.scenarios[0].given[0].name', max: IDENTIFIER_MAX, name: camel, inSchema: true },
];

/** The answer with the name at `limit.path` made `length` characters long. */
function withName(limit: Limit, length: number): { value: unknown; name: string } {
  const value = limit.phase.answer();
  const name = limit.name(length);
  setAt(value, limit.path, name);
  return { value, name };
}

const tooLong = (issues: Issue[], path: string) => issues.filter((issue) => issue.path === path && /characters long/.test(issue.message));

describe('name limits: every name the model chooses, in every phase', () => {
  it('the reference apps stay within every limit: both pass each phase\'s JSON schema and rules', () => {
    for (const [app, phases, modules] of [
      ['todo', todo, ['todos']],
      ['blog', blog, ['posts', 'comments']],
    ] as const) {
      for (const [id, phase] of Object.entries(phases)) {
        assert.deepEqual(checkAgainstSchema(phase.schema, phase.answer()), [], `${app} ${id} schema`);
        assert.deepEqual(phase.validate(phase.answer()).filter((issue) => issue.severity === 'error'), [], `${app} ${id} rules`);
      }
      const answer = app === 'todo' ? scriptedAnswer : blogAnswer;
      const api = (app === 'todo' ? scriptedApi : blogApi)();
      for (const module of modules) {
        const realize = answer<RealizeAnswer>('realize', `module_${module}.json`);
        const derived = derivedSlots(api, module).map(({ dto, property }) => ({ dto: dto.name, property: property.name }));
        assert.deepEqual(checkAgainstSchema(realizeSchema(derived.length > 0), realize), [], `${app} realize ${module} schema`);
        const ids = api.operations.filter((operation) => operation.module === module).map((operation) => operation.id);
        assert.deepEqual(validateRealizeAnswer(realize, ids, derived), [], `${app} realize ${module} rules`);
      }
      assert.deepEqual(compileDatabase(nestPrisma, answer<DatabaseArtifact>('database', 'data_model.json'), 'postgresql').issues, [], `${app} through Prisma`);
    }
  });

  for (const limit of limits) {
    it(`${limit.label}: at most ${limit.max} characters, refused at ${limit.path} by the ${limit.inSchema ? 'JSON schema and the ' : ''}rules`, () => {
      const fits = withName(limit, limit.max);
      assert.deepEqual(tooLong(limit.phase.validate(fits.value), limit.path), [], `${fits.name} fits`);
      assert.deepEqual(checkAgainstSchema(limit.phase.schema, fits.value).filter((error) => error.path === limit.path), [], `${fits.name} fits the schema`);

      for (const length of [limit.max + 1, 300]) {
        const { value, name } = withName(limit, length);
        const [issue, ...more] = tooLong(limit.phase.validate(value), limit.path);
        assert.ok(issue, `no length issue for ${length} characters at ${limit.path}`);
        assert.deepEqual(more, []);
        assert.match(issue.message, new RegExp(`is ${length} characters long; [a-z A-Z]+ are at most ${limit.max} \\(.+\\): shorten it$`));
        if (limit.inSchema) {
          const errors = checkAgainstSchema(limit.phase.schema, value).filter((error) => error.path === limit.path);
          assert.equal(errors.length, 1, `the schema refuses ${name} at ${limit.path}`);
          assert.equal(errors[0]!.expected, `at most ${limit.max} characters (shorten it)`);
          assert.match(errors[0]!.found, new RegExp(`^${length} characters: `));
        }
      }
    });
  }

  it('a 300-character module is refused before anything is named after it, with a short message', () => {
    const api = todo.interface.answer() as InterfaceArtifact;
    for (const operation of api.operations) operation.module = 'a'.repeat(300);
    const issues = todo.interface.validate(api).filter((issue) => /\.module$/.test(issue.path ?? ''));
    assert.equal(issues.length, api.operations.length);
    assert.equal(
      issues[0]!.message,
      `"${'a'.repeat(40)}…" is 300 characters long; module names are at most 40 (they become folder, file and class names: src/<module>/<module>.transformers.ts): shorten it`,
    );
  });
});

describe('Windows device names: refused where a name becomes a file or folder', () => {
  const reserved = ['con', 'prn', 'aux', 'nul', 'com0', 'com1', 'com9', 'lpt0', 'lpt1', 'lpt9'];
  const capitalized = (name: string) => name[0]!.toUpperCase() + name.slice(1);
  const cases: { label: string; phase: Phase; path: string; names: string[] }[] = [
    { label: 'modules (src/<module>/, test/<module>.e2e.test.ts)', phase: todo.interface, path: '$.operations[0].module', names: reserved },
    { label: 'schema files of models (prisma/schema/<file>.prisma)', phase: todo.database, path: '$.models[0].file', names: reserved },
    { label: 'schema files of enums', phase: blog.database, path: '$.enums[0].file', names: reserved },
    { label: 'models (src/generated/prisma/models/<Model>.ts)', phase: todo.database, path: '$.models[0].name', names: reserved.map(capitalized) },
  ];
  for (const { label, phase, path, names } of cases) {
    it(`${label}, at ${path}`, () => {
      for (const name of names) {
        const value = phase.answer();
        setAt(value, path, name);
        const issues = phase.validate(value).filter((issue) => issue.path === path && /device name Windows reserves/.test(issue.message));
        assert.equal(issues.length, 1, name);
        assert.match(issues[0]!.message, new RegExp(`^"${name}" is a device name Windows reserves \\(CON, PRN, AUX, NUL, COM0-9, LPT0-9\\).*: .*e\\.g\\. "${name}[a-zA-Z]+"$`));
      }
    });
  }

  it('names that only contain a device name are fine', () => {
    for (const name of ['cons', 'console', 'null-values', 'com10', 'auxiliary']) {
      const api = todo.interface.answer() as InterfaceArtifact;
      for (const operation of api.operations) operation.module = name;
      assert.deepEqual(todo.interface.validate(api).filter((issue) => issue.severity === 'error'), [], name);
    }
  });

  it('section ids may be device names: docs/requirements/NN-<id>.md puts a number in front', () => {
    const analysis = todo.analyze.answer() as AnalyzeArtifact;
    analysis.sections[1]!.id = 'con';
    assert.deepEqual(validateAnalyze(analysis), []);
    const files = [...renderRequirements(analysis).keys()];
    assert.ok(files.includes('docs/requirements/02-con.md'));
    for (const file of files) assert.deepEqual(pathProblems(file), [], file);
  });
});

describe('name feedback through the typed-call loop', () => {
  const kinds: CorruptionKind[] = ['overlong-name', 'reserved-name'];
  const loops = [
    {
      agent: 'database',
      phase: blog.database,
      validate: (value: unknown) => compileDatabase(nestPrisma, value as DatabaseArtifact, 'postgresql').issues,
      fileNamePaths: (value: unknown) => {
        const { models, enums } = value as DatabaseArtifact;
        return [...models.flatMap((_, m) => [`$.models[${m}].name`, `$.models[${m}].file`]), ...enums.map((_, e) => `$.enums[${e}].file`)];
      },
    },
    {
      agent: 'interface',
      phase: blog.interface,
      validate: blog.interface.validate,
      fileNamePaths: (value: unknown) => (value as InterfaceArtifact).operations.map((_, o) => `$.operations[${o}].module`),
    },
  ];
  for (const { agent, phase, validate, fileNamePaths } of loops) {
    it(`a weak model that runs names on or calls them "con" converges on the blog's ${agent} answer`, async () => {
      const weak = new WeakModel(new ScriptedModel(() => phase.answer()), { rawSuccess: 0, seed: 8, kinds, fileNamePaths });
      for (let i = 0; i < 12; i++) {
        const { value, record } = await typedCall(weak, {
          agent,
          target: `blog-${i}`,
          model: 'weak',
          system: 'You design backends.',
          prompt: 'Design the blog.',
          tool: { name: 'answer', description: 'Answer.' },
          schema: phase.schema,
          validate,
          retryBudget: 4,
          stream: false,
        });
        assert.deepEqual(value, phase.answer());
        assert.ok(record.attempts >= 2, 'every first answer was damaged');
      }
      assert.ok((weak.stats.byKind['overlong-name'] ?? 0) > 0 && (weak.stats.byKind['reserved-name'] ?? 0) > 0, JSON.stringify(weak.stats));
      assert.deepEqual(Object.keys(weak.stats.byKind).sort(), kinds);
    });
  }
});
