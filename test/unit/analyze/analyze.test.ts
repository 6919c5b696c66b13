import * as assert from 'node:assert/strict';
import { renderRequirements } from '../../../src/core/target/nest-prisma/docs/requirements';
import { validateAnalyze } from '../../../src/core/analyze/validate';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';

describe('analyze phase', () => {
  it('accepts the todo requirements and renders an overview plus one file per section', () => {
    assert.deepEqual(validateAnalyze(todoAnalysis()), []);
    const files = renderRequirements(todoAnalysis());
    assert.deepEqual([...files.keys()], ['docs/requirements/00-overview.md', 'docs/requirements/01-accounts.md', 'docs/requirements/02-todos.md']);
    assert.match(files.get('docs/requirements/00-overview.md')!, /^# Todo service\n/);
    assert.match(files.get('docs/requirements/00-overview.md')!, /\| member \| member \| A signed-up user managing their own todos\. \|/);
    assert.match(files.get('docs/requirements/02-todos.md')!, /## Rules\n\n- Nobody can read or change another person's todos\.\n- Deleting a todo is a soft delete\./);
  });

  it('names unknown actors and duplicate ids at their paths', () => {
    const analysis = todoAnalysis();
    analysis.sections[1]!.actors.push('admin');
    analysis.sections[1]!.id = 'accounts';
    assert.deepEqual(validateAnalyze(analysis).map((issue) => issue.path).sort(), ['$.sections[1].actors[1]', '$.sections[1].id']);
  });

  it('refuses actor names generated code cannot use as the session parameter', () => {
    const analysis = todoAnalysis();
    analysis.actors[1]!.name = 'public';
    analysis.sections[1]!.actors = ['public'];
    const issues = validateAnalyze(analysis);
    assert.deepEqual(issues.map((issue) => issue.path), ['$.actors[1].name']);
    assert.match(issues[0]!.message, /use e\.g\. "publicUser"/);
  });
});
