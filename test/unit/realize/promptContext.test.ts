import * as assert from 'node:assert/strict';
import type { AnalyzeArtifact } from '../../../src/core/analyze/types';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import { renderInterfaceFiles } from '../../../src/core/target/nest-prisma/api/files';
import { realizePrompt } from '../../../src/core/realize/prompt';
import { renderRealizeBase } from '../../../src/core/target/nest-prisma/backendFiles';
import { renderService } from '../../../src/core/target/nest-prisma/module/service';
import type { RealizedModule } from '../../../src/core/realize/types';
import { scenarioPrompt } from '../../../src/core/scenarios/prompt';
import { blogAnswer, blogApi } from '../../fixtures/blog/fixtures';

/**
 * What the Realize and Test calls of one module see: every table, enum and piece of generated code its
 * operations' rules touch, found through relations and the words of the requirement sections, not only
 * the module's own. The blog's comments module is the case: its rule "only published posts take
 * comments" reads Post and its status enum, and its response DTO lives in the posts module.
 */
const api = () => blogApi();
const operation = (id: string) => api().operations.find((candidate) => candidate.id === id)!;
const analysis = () => blogAnswer<AnalyzeArtifact>('analyze', 'requirements.json');
const comments = (): RealizedModule => ({ name: 'comments', ...blogAnswer<Omit<RealizedModule, 'name'>>('realize', 'module_comments.json') });

/** The blog's data model plus a table nothing relates to, which only a rule's words can bring in. */
function database(): DatabaseArtifact {
  const data = blogAnswer<DatabaseArtifact>('database', 'data_model.json');
  data.models.push({
    name: 'Holiday',
    description: 'A day the blog takes no comments.',
    file: 'comments',
    fields: [
      { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
      { name: 'day', type: 'DateTime', unique: true },
    ],
  });
  return data;
}

/** The analysis with one more rule in the comments section, naming the unrelated table. */
function analysisWithHoliday(): AnalyzeArtifact {
  const result = analysis();
  result.sections.find((section) => section.id === 'comments')!.rules.push('No comment is taken on a holiday.');
  return result;
}

const tableLines = (prompt: string): string[] => (prompt.match(/^- (\w+)(?: \([^)]*\))?: \w+ \w+/gm) ?? []).map((line) => /^- (\w+)/.exec(line)![1]!);

function realizeCommentsPrompt(analyzed: AnalyzeArtifact): string {
  const files = new Map([...renderInterfaceFiles(api(), database(), analyzed), ...renderRealizeBase({ analysis: analyzed, database: database(), api: api(), databaseId: 'sqlite' })]);
  return realizePrompt({ module: 'comments', api: api(), database: database(), analysis: analyzed, files, skeleton: renderService(api(), database(), comments()).content });
}

describe('prompt context: the tables, enums and generated code a module\'s rules touch', () => {
  it('the Test prompt lists the tables behind the operation and their relations, with the enums', () => {
    const prompt = scenarioPrompt(operation('addComment'), api(), database(), analysis());
    assert.match(prompt, /What the server stores \(set it up through the operations above, never directly\):\nData model/);
    // Comment is the module's own; Post its body points at (and its rule names: only published posts). User
    // (authors) is the accounts' table: scenarios get accounts made for them, never set users up.
    assert.deepEqual(tableLines(prompt).filter((name) => ['User', 'Post', 'Comment', 'Holiday'].includes(name)), ['Post', 'Comment']);
    assert.match(prompt, /- Post \(A blog post, a draft until published\.\): id Int \[id, has default\];.*status PostStatus \[has default\]/);
    assert.match(prompt, /Enums:\n- PostStatus: draft, published/);
  });

  it('a table only a rule names reaches both the Test prompt of an operation its section serves and the Realize prompt of that module, and no other', () => {
    assert.ok(!tableLines(scenarioPrompt(operation('addComment'), api(), database(), analysis())).includes('Holiday'));
    assert.ok(tableLines(scenarioPrompt(operation('addComment'), api(), database(), analysisWithHoliday())).includes('Holiday'));
    assert.ok(!tableLines(scenarioPrompt(operation('createPost'), api(), database(), analysisWithHoliday())).includes('Holiday'));
    assert.ok(!tableLines(realizeCommentsPrompt(analysis())).includes('Holiday'));
    assert.ok(tableLines(realizeCommentsPrompt(analysisWithHoliday())).includes('Holiday'));
  });

  it('the Realize prompt shows the generated code of the module that declares the DTOs it answers, and of tables its rules name', () => {
    const prompt = realizeCommentsPrompt(analysis());
    assert.match(prompt, /Enums:\n- PostStatus: draft, published/);
    // Comment is first nested by the posts module, so its select and transformer live there.
    assert.match(prompt, /\/\/ src\/posts\/posts\.transformers\.ts\n/);
    // As declarations: what to call and with what, not the generated bodies.
    assert.match(prompt, /^export declare const commentSelect: Prisma\.CommentSelect;$/m);
    assert.match(prompt, /^export declare function toComment\(row: Prisma\.CommentGetPayload<\{ select: typeof commentSelect; \}>\): Comment;$/m);
    assert.match(prompt, /\/\/ src\/comments\/comments\.collectors\.ts\n[\s\S]*export declare function collectCreateComment\(body: CreateCommentBody\): \{/);
    assert.doesNotMatch(prompt, /return \{/);
    // Only what was asked for: the posts module's service and its refusals are not the comments module's to call.
    assert.doesNotMatch(prompt, /posts\.service|PostHasCommentsException/);
  });
});
