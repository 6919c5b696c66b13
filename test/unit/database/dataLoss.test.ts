import * as assert from 'node:assert/strict';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import { dataRisks } from '../../../src/core/database/dataLoss';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';

const copy = <T>(value: T): T => structuredClone(value);
const kinds = (before: DatabaseArtifact, after: DatabaseArtifact) => dataRisks(before, after).map((risk) => [risk.kind, risk.model, risk.field ?? '']);

describe('data loss: what a change of the data model does to stored rows', () => {
  const before = todoArtifact();
  const todo = (artifact: DatabaseArtifact) => artifact.models.find((model) => model.name === 'Todo')!;

  it('adding a table, an optional column or one with a default risks nothing', () => {
    const after = copy(before);
    after.models.push({ name: 'Tag', description: 'A label', file: 'tags', fields: [{ name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } }, { name: 'name', type: 'String' }] });
    todo(after).fields.push({ name: 'note', type: 'String', optional: true }, { name: 'pinned', type: 'Boolean', default: { kind: 'value', value: false } });
    assert.deepEqual(kinds(before, after), []);
  });

  it('names a dropped column and table, a new required column, a column made required, a type change and a new unique', () => {
    const after = copy(before);
    const model = todo(after);
    const title = model.fields.find((field) => field.name === 'title')!;
    title.unique = true;
    const optional = model.fields.find((field) => field.optional && !after.models.some((m) => m.name === field.type))!;
    optional.optional = false;
    const [removed] = model.fields.splice(model.fields.findIndex((field) => field.type === 'Boolean'), 1);
    model.fields.push({ name: 'priority', type: 'Int' });
    const found = kinds(before, after);
    assert.ok(found.some(([kind, m, f]) => kind === 'column-dropped' && m === 'Todo' && f === removed!.name), JSON.stringify(found));
    assert.ok(found.some(([kind, , f]) => kind === 'required-column-added' && f === 'priority'));
    assert.ok(found.some(([kind, , f]) => kind === 'column-now-required' && f === optional.name));
    assert.ok(found.some(([kind, , f]) => kind === 'unique-added' && f === 'title'));
    const withoutTodos = copy(before);
    withoutTodos.models = withoutTodos.models.filter((m) => m.name !== 'Todo');
    assert.deepEqual(kinds(before, withoutTodos), [['table-dropped', 'Todo', '']]);
    const typeChanged = copy(before);
    todo(typeChanged).fields.find((field) => field.name === 'title')!.type = 'Int';
    assert.deepEqual(kinds(before, typeChanged), [['column-type-changed', 'Todo', 'title']]);
    assert.deepEqual(dataRisks(before, typeChanged)[0]!.choices, ['backfill', 'confirm']);
  });

  it('a relation field is no column: adding the back side of a relation risks nothing, its required key does', () => {
    const after = copy(before);
    after.models.push({ name: 'Project', description: 'A group of todos', file: 'projects', fields: [{ name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } }, { name: 'todos', type: 'Todo', list: true }] });
    todo(after).fields.push({ name: 'projectId', type: 'Int' }, { name: 'project', type: 'Project', relation: { fields: ['projectId'], references: ['id'] } });
    assert.deepEqual(kinds(before, after), [['required-column-added', 'Todo', 'projectId']]);
  });

  it('a removed enum value is named', () => {
    const base: DatabaseArtifact = { ...copy(before), enums: [{ name: 'Status', file: 'todos', values: ['open', 'done', 'dropped'] }] };
    const after = copy(base);
    after.enums[0]!.values = ['open', 'done'];
    assert.deepEqual(kinds(base, after), [['enum-value-removed', 'Status', 'dropped']]);
  });
});
