import * as assert from 'node:assert/strict';
import type { AnalyzeArtifact } from '../../../src/core/analyze/types';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import type { InterfacePlan } from '../../../src/core/interface/plan';
import { validatePlan } from '../../../src/core/interface/validatePlan';
import { fixtureApp } from '../../fixtures/fixtureApp';

const blog = fixtureApp('blog');
const context = () => ({ analysis: blog.answer<AnalyzeArtifact>('analyze', 'requirements.json'), database: blog.answer<DatabaseArtifact>('database', 'data_model.json') });
const plan = (): InterfacePlan => blog.answer('interface', 'api_plan.json');
const errorsAfter = (edit: (plan: InterfacePlan) => void) => {
  const value = plan();
  edit(value);
  return validatePlan(value, context()).filter((issue) => issue.severity === 'error');
};

describe('interface plan validation', () => {
  it('passes every reference app\'s plan', () => {
    for (const app of ['todo', 'blog', 'clinic', 'ticketing', 'timesheet', 'todo-tags', 'todo-tags-comments', 'clinic-rooms']) {
      const fixture = fixtureApp(app);
      const issues = validatePlan(fixture.answer('interface', 'api_plan.json'), { analysis: fixture.answer('analyze', 'requirements.json'), database: fixture.answer('database', 'data_model.json') });
      assert.deepEqual(issues.filter((issue) => issue.severity === 'error'), [], app);
    }
  });

  it('reports what the plan decides at the plan\'s own paths: actors, sections, routes, ids, module names, path parameters', () => {
    const issues = errorsAfter((value) => {
      value.modules[0]!.operations[1]!.actor = 'editor';
      value.modules[0]!.operations[2]!.section = 'wrting';
      value.modules[1]!.operations[0]!.path = value.modules[0]!.operations[0]!.path;
      value.modules[1]!.operations[0]!.method = value.modules[0]!.operations[0]!.method;
      value.modules[1]!.operations[1]!.id = value.modules[0]!.operations[0]!.id;
      value.modules[0]!.operations[3]!.path = '/posts/{new}';
    });
    const at = (path: string) => issues.filter((issue) => issue.path === path).map((issue) => [issue.message, issue.needs]);
    assert.match(String(at('$.modules[0].operations[1].actor')[0]?.[0]), /unknown actor "editor"/);
    assert.equal(at('$.modules[0].operations[1].actor')[0]?.[1], 'analyze', 'an actor the analysis lacks needs that phase');
    assert.match(String(at('$.modules[0].operations[2].section')[0]?.[0]), /unknown requirement section "wrting".*did you mean "writing"/);
    assert.match(String(at('$.modules[1].operations[0].path')[0]?.[0]), /is already operation "listPublishedPosts"/);
    assert.match(String(at('$.modules[1].operations[1].id')[0]?.[0]), /two operations have the id "listPublishedPosts"/);
    assert.match(String(at('$.modules[0].operations[3].path')[0]?.[0]), /"new" becomes a method parameter and is a reserved word/);
    assert.equal(issues.length, 5, JSON.stringify(issues.map((issue) => issue.path)));
  });

  it('says a reserved module name once, at the module, and leaves what module calls decide (params, statuses, DTOs) to them', () => {
    const issues = errorsAfter((value) => {
      value.modules[1]!.name = 'auth';
      value.shared[0]!.usedBy = ['auth'];
      value.shared[1]!.owner = 'auth';
    });
    assert.deepEqual(issues.map((issue) => issue.path), ['$.modules[1].name']);
    assert.match(issues[0]!.message, /"auth" is reserved for generated code/);
    // The skeleton has no responses or params columns: none of that is the plan's to fix.
    assert.deepEqual(errorsAfter(() => undefined), []);
  });

  it('checks authentication as the API does, and what only a plan has: modules once, shared DTOs owned by a planned module', () => {
    const issues = errorsAfter((value) => {
      value.authentication[0]!.password = 'email';
      value.modules.push({ ...value.modules[1]!, operations: [] });
      value.shared[0]!.owner = 'authors';
      value.shared[1]!.usedBy = ['comments'];
      value.shared[1]!.model = 'Remark';
    });
    const byPath = new Map(issues.map((issue) => [issue.path, issue.message]));
    assert.match(byPath.get('$.authentication[0].password')!, /User\.email is not secret in the data model/);
    assert.match(byPath.get('$.modules[2].name')!, /the module "comments" is listed twice/);
    assert.match(byPath.get('$.shared[0].owner')!, /no planned module is named "authors"/);
    assert.match(byPath.get('$.shared[1].usedBy[0]')!, /"comments" defines Comment; "usedBy" lists the other modules/);
    assert.match(byPath.get('$.shared[1].model')!, /unknown model "Remark"/);
  });
});
