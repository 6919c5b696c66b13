import * as assert from 'node:assert/strict';
import type { AnalyzeArtifact } from '../../../src/core/analyze/types';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import { renderInterfaceFiles } from '../../../src/core/target/nest-prisma/api/files';
import type { DtoProperty, DtoSchema, InterfaceArtifact } from '../../../src/core/interface/types';
import { validateInterface } from '../../../src/core/interface/validate';
import { realizePrompt } from '../../../src/core/realize/prompt';
import { renderRealizeBase } from '../../../src/core/target/nest-prisma/backendFiles';
import { renderDerived } from '../../../src/core/target/nest-prisma/module/derived';
import { derivedSlots } from '../../../src/core/interface/modules';
import { renderService } from '../../../src/core/target/nest-prisma/module/service';
import { renderTransformers } from '../../../src/core/target/nest-prisma/module/transformers';
import { realizeSchema, REALIZE_SCHEMA } from '../../../src/core/realize/schema';
import { mapToRegions } from '../../../src/core/realize/typeFeedback';
import { checkBackend } from '../../../src/core/target/nest-prisma/typecheck/checkBackend';
import type { RealizedModule } from '../../../src/core/realize/types';
import { validateRealizeAnswer } from '../../../src/core/realize/validate';
import { scenarioPrompt } from '../../../src/core/scenarios/prompt';
import type { TestArtifact } from '../../../src/core/scenarios/types';
import { validateScenarios } from '../../../src/core/scenarios/validate';
import { blogAnswer, blogApi, blogScenarios } from '../../fixtures/blog/fixtures';

/**
 * Derived response values end to end on the blog reference app: a count of a relation (a post's
 * comments), rendered as Prisma's `_count`, and a value the Realize model computes (whole days since a
 * post was published) from the row and the clock's now; declared, validated, rendered, realized, tested.
 */
const api = () => blogApi();
const database = () => blogAnswer<DatabaseArtifact>('database', 'data_model.json');
const analysis = () => blogAnswer<AnalyzeArtifact>('analyze', 'requirements.json');
const posts = (): RealizedModule => ({ name: 'posts', ...blogAnswer<Omit<RealizedModule, 'name'>>('realize', 'module_posts.json') });
const comments = (): RealizedModule => ({ name: 'comments', ...blogAnswer<Omit<RealizedModule, 'name'>>('realize', 'module_comments.json') });

const dtoOf = (artifact: InterfaceArtifact, name: string): DtoSchema => artifact.dtos.find((dto) => dto.name === name)!;
const propertyOf = (artifact: InterfaceArtifact, dto: string, name: string): DtoProperty => dtoOf(artifact, dto).properties.find((property) => property.name === name)!;

/** Issues of the blog's API after a change, as `path: message`, with the summary DTO's index as `@`. */
function issuesAfter(change: (artifact: InterfaceArtifact) => void): string[] {
  const artifact = api();
  change(artifact);
  const at = `$.dtos[${artifact.dtos.findIndex((dto) => dto.name === 'PostSummary')}]`;
  return validateInterface(artifact, { analysis: analysis(), database: database() })
    .filter((issue) => issue.severity === 'error')
    .map((issue) => `${issue.path!.replace(at, '@')}: ${issue.message}`);
}

/** The whole generated backend (interface + realize files) with the given modules' bodies. */
function backend(artifact: InterfaceArtifact, modules: RealizedModule[]): Map<string, string> {
  const files = new Map([...renderInterfaceFiles(artifact, database(), analysis()), ...renderRealizeBase({ analysis: analysis(), database: database(), api: artifact, databaseId: 'sqlite' })]);
  for (const module of modules) {
    const service = renderService(artifact, database(), module);
    files.set(service.path, service.content);
    const derived = renderDerived(artifact, database(), module);
    if (derived) files.set(derived.path, derived.content);
  }
  return files;
}

describe('derived response values: counts and computed values', () => {
  describe('declared in the Interface artifact', () => {
    it('accepts the blog: a comment count and a computed value using publishedAt', () => {
      assert.deepEqual(issuesAfter(() => {}), []);
    });

    it('refuses a count of a single record, of a column, or of an unknown field, at the relation, naming the list relations', () => {
      const [single] = issuesAfter((a) => (propertyOf(a, 'PostSummary', 'commentCount').count = { relation: 'author' }));
      assert.match(single!, /^@\.properties\[5\]\.count\.relation: Post\.author is one User record, and counts count the rows of a list relation; its list relations: comments/);
      assert.match(issuesAfter((a) => (propertyOf(a, 'PostSummary', 'commentCount').count = { relation: 'title' }))[0]!, /^@\.properties\[5\]\.count\.relation: Post\.title is a column, not a relation/);
      assert.match(issuesAfter((a) => (propertyOf(a, 'PostSummary', 'commentCount').count = { relation: 'replies' }))[0]!, /^@\.properties\[5\]\.count\.relation: Post has no field "replies"; its list relations: comments/);
    });

    it('a count is a non-null integer without a column, and only response DTOs with a model have one', () => {
      const count = (change: (property: DtoProperty) => void) => issuesAfter((a) => change(propertyOf(a, 'PostSummary', 'commentCount')));
      assert.deepEqual(count((p) => (p.type = 'string')), ['@.properties[5].type: a count is an "integer"']);
      assert.deepEqual(count((p) => (p.nullable = true)), ['@.properties[5].nullable: a count is never null (no rows is 0): remove "nullable"']);
      assert.deepEqual(count((p) => (p.column = 'comments')), ['@.properties[5].column: "count" takes the place of "column": remove "column"']);
      assert.deepEqual(count((p) => (p.derived = { uses: [] })), ['@.properties[5].derived: a property is either a "count" or "derived", not both: keep one (a derived value reads the DTO\'s counts from row._count)']);
      const body = issuesAfter((a) => dtoOf(a, 'CreatePostBody').properties.push({ name: 'likes', type: 'integer', count: { relation: 'comments' } }));
      assert.equal(body.length, 1);
      assert.match(body[0]!, /^\$\.dtos\[2\]\.properties\[4\]\.count: only response DTOs have computed values; CreatePostBody is a body DTO/);
      const twice = issuesAfter((a) => dtoOf(a, 'PostSummary').properties.push({ name: 'replies', type: 'integer', count: { relation: 'comments' } }));
      assert.match(twice[0]!, /^@\.properties\[7\]\.count\.relation: "commentCount" already counts Post\.comments/);
    });

    it('checks the conditions of a count against the related model: enum values, null tests on optional columns, one condition per column', () => {
      const where = (conditions: NonNullable<DtoProperty['count']>['where']) =>
        issuesAfter((a) => dtoOf(a, 'AuthorSummary').properties.push({ name: 'published', type: 'integer', count: { relation: 'posts', where: conditions } })).map((issue) => issue.replace(/^\$\.dtos\[0\]\.properties\[2\]\.count\./, ''));
      assert.deepEqual(where([{ column: 'status', in: ['published'] }, { column: 'publishedAt', isNull: false }]), []);
      assert.deepEqual(where([{ column: 'status', in: ['live'] }]), ['where[0].in[0]: Post.status is PostStatus: give values of the enum PostStatus (draft, published); found "live"']);
      assert.deepEqual(where([{ column: 'title', isNull: true }]), ['where[0].isNull: Post.title is never null, so this counts no row: remove the condition']);
      assert.deepEqual(where([{ column: 'status' }]), ['where[0]: give exactly one of "in" and "isNull": {"column": ..., "in": [values]} or {"column": ..., "isNull": true}']);
      assert.deepEqual(where([{ column: 'status', in: ['draft'] }, { column: 'status', in: ['published'] }]), ['where[1].column: Post.status already has a condition: give each column one, listing every value counted in "in"']);
      assert.match(where([{ column: 'author', in: [1] }])[0]!, /^where\[0\]\.column: Post\.author is not a single-value column/);
    });

    it('a derived value uses columns of its model: not relations (counted instead) and never secrets', () => {
      const uses = (columns: string[]) => issuesAfter((a) => void (propertyOf(a, 'PostSummary', 'publishedDaysAgo').derived = { uses: columns }));
      assert.deepEqual(uses(['publishedAt', 'createdAt']), []);
      assert.deepEqual(uses(['comments']), [
        '@.properties[6].derived.uses[0]: Post.comments is a relation and "uses" lists columns only: to compute from how many comments there are (all, or some with "where", e.g. the open ones), ' +
          'add a "count" property of comments to this DTO and leave it out here; the function reads that number as row._count.comments',
      ]);
      assert.deepEqual(uses(['publishedAt', 'publishedAt']), ['@.properties[6].derived.uses[1]: "publishedAt" is listed twice: list each column once']);
      const secret = issuesAfter((a) => dtoOf(a, 'AuthorSummary').properties.push({ name: 'hint', type: 'string', derived: { uses: ['passwordHash'] } }));
      assert.deepEqual(secret, ['$.dtos[0].properties[2].derived.uses[0]: User.passwordHash is secret and never leaves the server, not even through a computed value: remove it']);
    });

    it('a property without column, count or derived in a linked response DTO is told about both', () => {
      const [issue] = issuesAfter((a) => delete propertyOf(a, 'PostSummary', 'commentCount').count);
      assert.match(issue!, /^@\.properties\[5\]\.column: .*or compute it: "count" for the rows of a list relation, "derived" for a value computed from columns and the current time/);
    });
  });

  describe('rendered by code', () => {
    it('the select counts the relation and loads the columns the derived value uses; the transformer takes now and calls the function', () => {
      const file = renderTransformers(api(), database()).get('src/posts/posts.transformers.ts')!;
      assert.match(file, /import \{ derivePostSummaryPublishedDaysAgo \} from '\.\/posts\.derived\.js';/);
      assert.match(file, /export const postSummarySelect = \{\n(?: {2}\w+: .*,\n)* {2}publishedAt: true,\n {2}author: \{ select: authorSummarySelect \},\n {2}_count: \{ select: \{ comments: true \} \},\n\} satisfies Prisma\.PostSelect;/);
      assert.match(file, /export function toPostSummary\(row: Prisma\.PostGetPayload<\{ select: typeof postSummarySelect \}>, now: Date\): PostSummary \{/);
      assert.match(file, / {4}commentCount: row\._count\.comments,\n {4}publishedDaysAgo: derivePostSummaryPublishedDaysAgo\(row, now\),\n/);
      assert.match(file, /export function toPostDetail\(row: [^)]*\): PostDetail/, 'a DTO without derived values takes no now');
    });

    it('count conditions become a where, and a nesting DTO passes now on', () => {
      const artifact = api();
      // The comment shows the post it belongs to, with that post's derived values.
      dtoOf(artifact, 'Comment').properties.push({ name: 'post', type: 'object', column: 'post', dto: 'PostSummary' });
      dtoOf(artifact, 'AuthorSummary').properties.push({ name: 'published', type: 'integer', count: { relation: 'posts', where: [{ column: 'status', in: ['published'] }, { column: 'tags', isNull: false }] } });
      dtoOf(artifact, 'AuthorSummary').properties.push({ name: 'drafts', type: 'integer', count: { relation: 'comments', where: [{ column: 'postId', in: [1, 2] }] } });
      const file = renderTransformers(artifact, database()).get('src/posts/posts.transformers.ts')!;
      assert.match(file, / {2}_count: \{ select: \{ posts: \{ where: \{ status: 'published', tags: \{ not: null \} \} \}, comments: \{ where: \{ postId: \{ in: \[1, 2\] \} \} \} \} \},\n/);
      assert.match(file, /export function toComment\(row: [^)]*\}>, now: Date\): Comment \{[\s\S]*? {4}post: toPostSummary\(row\.post, now\),/);
      assert.match(file, / {4}comments: row\.comments\.map\(\(item\) => toComment\(item, now\)\),/);
      // PostDetail nests Comment, which now nests PostSummary: its transformer takes now too, so the
      // service written for the old signature no longer compiles, where it calls it.
      const errors = checkBackend(backend(artifact, [posts(), comments()]), database()).filter((issue) => issue.severity === 'error');
      assert.ok(errors.length > 0);
      assert.ok(errors.every((issue) => issue.file === 'src/posts/posts.service.ts' || issue.file === 'src/comments/comments.service.ts'), JSON.stringify(errors));
      assert.ok(errors.some((issue) => /Expected 2 arguments, but got 1/.test(issue.message)), JSON.stringify(errors));
    });

    it('another module nesting the DTO writes its select out, counts and used columns included, and passes now on', () => {
      const artifact = api();
      artifact.dtos.push({
        name: 'PostedComment',
        kind: 'response',
        description: 'A new comment with the post it is on.',
        model: 'Comment',
        properties: [
          { name: 'id', type: 'integer', column: 'id' },
          { name: 'post', type: 'object', column: 'post', dto: 'PostSummary' },
        ],
      });
      const add = artifact.operations.find((operation) => operation.id === 'addComment')!;
      add.response = 'PostedComment';
      const file = renderTransformers(artifact, database()).get('src/comments/comments.transformers.ts')!;
      assert.match(file, /import \{ toPostSummary \} from '\.\.\/posts\/posts\.transformers\.js';/);
      assert.match(file, / {2}post: \{ select: \{ id: true, title: true, tags: true, publishedAt: true, author: \{ select: \{ id: true, displayName: true \} \}, _count: \{ select: \{ comments: true \} \} \} \},\n/);
      assert.match(file, /export function toPostedComment\(row: [^)]*\}>, now: Date\): PostedComment \{\n {2}return \{\n {4}id: row\.id,\n {4}post: toPostSummary\(row\.post, now\),/);
      const realized = comments();
      const body = realized.operations.find((operation) => operation.id === 'addComment')!;
      body.body = body.body.replace(/select: commentSelect/g, 'select: postedCommentSelect').replace(/toComment\((\w+)\)/g, 'toPostedComment($1, this.clock.now())');
      assert.match(body.body, /toPostedComment\(\w+, this\.clock\.now\(\)\)/);
      assert.deepEqual(checkBackend(backend(artifact, [posts(), realized]), database()).filter((issue) => issue.severity === 'error'), []);
    });

    it('OpenAPI marks computed properties readOnly, and the README lists the derived file', () => {
      const files = renderInterfaceFiles(api(), database(), analysis());
      const schema = JSON.parse(files.get('openapi.json')!).components.schemas.PostSummary;
      assert.deepEqual(schema.properties.commentCount, { description: 'how many comments the post has', type: 'integer', readOnly: true });
      assert.deepEqual(schema.properties.publishedDaysAgo, { description: 'whole days since the post was first published; null for a draft', type: ['integer', 'null'], readOnly: true });
      assert.equal(schema.properties.title.readOnly, undefined);
      const readme = renderRealizeBase({ analysis: analysis(), database: database(), api: api(), databaseId: 'sqlite' }).get('README.md')!;
      assert.match(readme, /\| `src\/posts\/posts\.derived\.ts` \| the computed response values/);
      assert.doesNotMatch(readme, /comments\.derived/);
    });
  });

  describe('realized by the model, checked like the service bodies', () => {
    it('asks for derived bodies only from the module whose DTOs have them, in the schema and the prompt', () => {
      assert.deepEqual(derivedSlots(api(), 'posts').map(({ dto, property }) => `${dto.name}.${property.name}`), ['PostSummary.publishedDaysAgo']);
      assert.deepEqual(derivedSlots(api(), 'comments'), []);
      assert.equal(realizeSchema(false), REALIZE_SCHEMA);
      assert.deepEqual((realizeSchema(true) as { required: string[] }).required, ['helpers', 'operations', 'derived']);
      const files = backend(api(), [posts(), comments()]);
      const skeleton = renderDerived(api(), database(), { ...posts(), derived: [{ dto: 'PostSummary', property: 'publishedDaysAgo', body: '// your code' }] })!.content;
      const prompt = realizePrompt({ module: 'posts', api: api(), database: database(), analysis: analysis(), files, skeleton: renderService(api(), database(), posts()).content, derived: skeleton });
      assert.match(prompt, /Derived values to compute \(in "derived", one body each\): pure functions of row .* and now \(the clock's time\)/);
      assert.match(prompt, /export function derivePostSummaryPublishedDaysAgo\(row: Prisma\.PostGetPayload<\{ select: typeof postSummarySelect \}>, now: Date\): PostSummary\['publishedDaysAgo'\] \{\n {2}\/\/ your code\n\}/);
      assert.match(prompt, /A transformer that takes `now` gets `this\.clock\.now\(\)`/);
    });

    it('the blog compiles with its derived function; a service that forgets now, or a body reading an unselected column, fails at its artifact path', () => {
      const files = backend(api(), [posts(), comments()]);
      assert.deepEqual(checkBackend(files, database()).filter((issue) => issue.severity === 'error'), []);
      assert.match(files.get('src/posts/posts.derived.ts')!, /^import type \{ Prisma \} from '\.\.\/generated\/prisma\/client\.js';\nimport type \{ PostSummary \} from '\.\/posts\.dto\.js';\nimport type \{ postSummarySelect \} from '\.\/posts\.transformers\.js';\n/);

      const broken = posts();
      broken.derived![0]!.body = 'const written = row.createdAt;\nreturn Math.floor((now.getTime() - written.getTime()) / 86_400_000);';
      const list = broken.operations.find((operation) => operation.id === 'listPublishedPosts')!;
      list.body = list.body.replace('rows.map((row) => toPostSummary(row, now))', 'rows.map(toPostSummary)');
      const derived = renderDerived(api(), database(), broken)!;
      const service = renderService(api(), database(), broken);
      const issues = checkBackend(backend(api(), [broken, comments()]), database()).filter((issue) => issue.severity === 'error');
      const mapped = mapToRegions(mapToRegions(issues, service.path, service.regions), derived.path, derived.regions);
      const index = broken.operations.indexOf(list);
      assert.deepEqual(
        mapped.filter((issue) => issue.path).map((issue) => `${issue.path} ${issue.message.split(':')[0]}`),
        [`$.operations[${index}].body line 16`, '$.derived[0].body line 1'],
      );
      assert.match(mapped.find((issue) => issue.path === '$.derived[0].body')!.message, /Property 'createdAt' does not exist/);
    });

    it('derived bodies: each written once, non-empty, pure (no this, await or system time) and parsed on their own', () => {
      const expected = ['listPublishedPosts', 'getPublishedPost', 'listMyPosts', 'createPost', 'updatePost', 'deletePost'];
      const slots = [{ dto: 'PostSummary', property: 'publishedDaysAgo' }];
      const check = (derived: RealizedModule['derived']) => validateRealizeAnswer({ ...posts(), derived }, expected, slots).map((issue) => `${issue.path}: ${issue.message}`);
      assert.deepEqual(check(posts().derived), []);
      assert.deepEqual(check([]), ['$.derived: missing derived value(s): PostSummary.publishedDaysAgo; write one entry for each ({"dto", "property", "body"})']);
      const body = (text: string) => check([{ dto: 'PostSummary', property: 'publishedDaysAgo', body: text }]);
      assert.deepEqual(body('return Math.floor((Date.now() - row.publishedAt!.getTime()) / 86_400_000);'), [
        "$.derived[0].body: line 1: Date.now() reads the system time; the backend reads the time from its clock, which the tests set: use the parameter now (a Date: the clock's time), e.g. now.getTime()",
      ]);
      assert.match(body('return this.clock.now().getDate();')[0]!, /^\$\.derived\[0\]\.body: a derived value is computed from row and now only: no this, await or queries/);
      assert.match(body('const n = await count();\nreturn n;')[0]!, /no this, await or queries/);
      assert.match(body('return (1;')[0]!, /^\$\.derived\[0\]\.body: line 1: /);
      assert.deepEqual(body('// "this" and new Date() in words\nreturn row.publishedAt ? new Date(row.publishedAt).getDate() : null;'), []);
      const twice = check([...posts().derived!, ...posts().derived!]);
      assert.deepEqual(twice, ['$.derived[1].property: "PostSummary.publishedDaysAgo" is written twice; keep one']);
      assert.deepEqual(validateRealizeAnswer({ ...comments(), derived: posts().derived }, ['addComment', 'deleteComment']).map((issue) => issue.path), ['$.derived[0].property']);
    });
  });

  describe('tested by the scenarios', () => {
    const scenarios = (): TestArtifact => blogScenarios('posts');
    const context = () => ({ api: api(), database: database(), analysis: analysis(), module: 'posts' });

    it('a scenario expects a count and a derived value like any property, type-checked', () => {
      const artifact = scenarios();
      const index = artifact.scenarios.findIndex((scenario) => /number of comments/.test(scenario.title));
      assert.ok(index >= 0, 'the blog has a scenario for the derived values');
      assert.deepEqual(validateScenarios(artifact, context()), []);
      (artifact.scenarios[index]!.expect.body as { items: { commentCount: unknown }[] }).items[0]!.commentCount = 'two';
      assert.deepEqual(validateScenarios(artifact, context()).map((issue) => `${issue.path}: ${issue.message}`), [`$.scenarios[${index}].expect.body.items[0].commentCount: commentCount must be integer, computed: the number of its comments; found "two"`]);
    });

    it('the Test prompt says what is computed and how', () => {
      const prompt = scenarioPrompt(api().operations.find((operation) => operation.id === 'listPublishedPosts')!, api(), database(), analysis());
      assert.match(prompt, /- commentCount: integer, computed: the number of its comments - how many comments the post has/);
      assert.match(prompt, /- publishedDaysAgo: integer, computed by the server from publishedAt, the clock, may be null/);
    });
  });
});
