import * as assert from 'node:assert/strict';
import { propertyType, renderDtos } from '../../../../src/core/target/nest-prisma/api/dtos';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';
import { blogApi, blogDatabase } from './blogFixture';

const todoApi = () => scriptedApi();

/** The lines of one class or interface, from its declaration to its closing brace. */
function declaration(file: string, name: string): string {
  const start = file.search(new RegExp(`export (class|interface) ${name} \\{`));
  assert.ok(start >= 0, `${name} is declared`);
  return file.slice(start, file.indexOf('\n}', start) + 2);
}

describe('DTO renderer', () => {
  it('renders the todo module: validated body and query classes, response interfaces', () => {
    const files = renderDtos(todoApi(), todoArtifact());
    assert.deepEqual([...files.keys()], ['src/todos/todos.dto.ts']);
    const file = files.get('src/todos/todos.dto.ts')!;
    assert.match(
      file,
      /^import \{ Transform, Type \} from 'class-transformer';\nimport \{ IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf \} from 'class-validator';\nimport \{ parseDateTime \} from '\.\.\/common\/date-time\.js';\n\n/,
    );

    const create = declaration(file, 'CreateTodoBody');
    assert.ok(file.includes('/** A new todo. */\nexport class CreateTodoBody {'));
    assert.match(create, / {2}@IsString\(\)\n {2}@MinLength\(1\)\n {2}@MaxLength\(200\)\n {2}title: string;/);
    assert.match(create, / {2}@IsOptional\(\)\n {2}@IsString\(\)\n {2}@MaxLength\(2000\)\n {2}description\?: string \| null;/);
    // Only strict ISO text becomes a Date; anything else stays as sent and fails @IsDate with the message.
    assert.match(create, / {2}@IsOptional\(\)\n {2}@Transform\(\(\{ value \}\) => parseDateTime\(value\)\)\n {2}@IsDate\(\{ message: 'dueAt must be an ISO 8601 date-time' \}\)\n {2}dueAt\?: Date \| null;/);
    assert.doesNotMatch(file, /@Type\(\(\) => Date\)/);
    // Optional but not nullable: left out skips the checks, null does not (it would reach Prisma and fail there).
    assert.match(create, / {2}@ValidateIf\(\(_, value\) => value !== undefined\)\n {2}@IsBoolean\(\)\n {2}done\?: boolean;/);
    assert.match(declaration(file, 'UpdateTodoBody'), / {2}@ValidateIf\(\(_, value\) => value !== undefined\)\n {2}@IsString\(\)\n {2}@MinLength\(1\)\n {2}@MaxLength\(200\)\n {2}title\?: string;/);

    const query = declaration(file, 'TodoListQuery');
    assert.match(query, / {2}\/\*\* overdue: not done and the due date has passed \*\/\n {2}@IsOptional\(\)\n {2}@IsIn\(\['all', 'open', 'done', 'overdue'\]\)\n {2}status: 'all' \| 'open' \| 'done' \| 'overdue' = 'all';/);
    assert.match(query, / {2}@IsOptional\(\)\n {2}@Type\(\(\) => Number\)\n {2}@IsInt\(\)\n {2}@Min\(1\)\n {2}@Max\(100\)\n {2}pageSize: number = 20;/);
    // Without a maximum, page is still held to Prisma's Int: `?page=1e300` is an integer to @IsInt.
    assert.match(query, / {2}@IsInt\(\)\n {2}@Min\(1\)\n {2}@Max\(2147483647\)\n {2}page: number = 1;/);

    const todo = declaration(file, 'Todo');
    assert.equal(
      todo,
      'export interface Todo {\n  id: number;\n  title: string;\n  description: string | null;\n  dueAt: Date | null;\n  done: boolean;\n  createdAt: Date;\n  updatedAt: Date;\n}',
    );
    assert.match(declaration(file, 'TodoPage'), / {2}items: Todo\[\];\n {2}total: number;/);
    assert.doesNotMatch(todo + declaration(file, 'TodoPage'), /@/);
  });

  it('imports DTOs nested from another module, types enum columns, converts query text and checks text-encoded columns', () => {
    const files = renderDtos(blogApi(), blogDatabase());
    assert.deepEqual([...files.keys()], ['src/users/users.dto.ts', 'src/posts/posts.dto.ts']);
    assert.equal(files.get('src/users/users.dto.ts'), '/** Who wrote something. */\nexport interface UserSummary {\n  id: number;\n  name: string | null;\n}\n');
    const posts = files.get('src/posts/posts.dto.ts')!;
    assert.match(posts, /\nimport type \{ UserSummary \} from '\.\.\/users\/users\.dto\.js';\n/);

    const detail = declaration(posts, 'PostDetail');
    assert.match(detail, / {2}status: 'DRAFT' \| 'PUBLISHED';\n/, 'the enum column gives the union');
    assert.match(detail, / {2}author: UserSummary;\n {2}editor: UserSummary \| null;\n {2}comments: CommentView\[\];/);
    assert.ok(posts.indexOf('export interface CommentView') < posts.indexOf('export interface PostDetail'));

    const query = declaration(posts, 'PostListQuery');
    assert.match(query, /@Transform\(\(\{ value \}\) => \(value === 'true' \? true : value === 'false' \? false : value\)\)\n {2}@IsBoolean\(\)\n {2}mine: boolean = false;/);
    assert.match(query, /@IsOptional\(\)\n {2}@Type\(\(\) => Number\)\n {2}@IsNumber\(\{\}\)\n {2}@Min\(0\)\n {2}minPrice\?: number;/, 'a float keeps its own bounds only');
    assert.match(query, /@IsOptional\(\)\n {2}@Transform\(\(\{ value \}\) => parseDateTime\(value\)\)\n {2}@IsDate\(\{ message: 'since must be an ISO 8601 date-time' \}\)\n {2}since\?: Date;/, 'query strings cannot carry null');

    const body = declaration(posts, 'CreatePostBody');
    assert.match(body, /@ValidateIf\(\(_, value\) => value !== undefined\)\n {2}@IsIn\(\['DRAFT', 'PUBLISHED'\]\)\n {2}status\?: 'DRAFT' \| 'PUBLISHED';/);
    assert.match(body, /@IsOptional\(\)\n {2}@IsDecimal\(\{\}\)\n {2}price\?: string \| null;/);
    assert.match(body, /@ValidateIf\(\(_, value\) => value !== null\)\n {2}@IsBase64\(\{\}\)\n {2}cover: string \| null;/, 'nullable but required');
    assert.match(body, / {2}\/\*\* Not stored: tell the followers\. \*\/\n {2}@ValidateIf\(\(_, value\) => value !== undefined\)\n {2}@IsBoolean\(\)\n {2}notify\?: boolean;/);
  });

  it('orders nested body classes first, validates lists element by element, and names what is missing', () => {
    const api = blogApi();
    const body = api.dtos.find((dto) => dto.name === 'CreateCommentBody')!;
    body.properties.push(
      { name: 'tags', type: 'string', list: true, optional: true, maxLength: 20 },
      { name: 'attachment', type: 'object', dto: 'AttachmentBody', optional: true },
    );
    api.dtos.push({ name: 'AttachmentBody', kind: 'body', description: 'A file.', properties: [{ name: 'url', type: 'string' }] });
    const posts = renderDtos(api, blogDatabase()).get('src/posts/posts.dto.ts')!;
    assert.ok(posts.indexOf('export class AttachmentBody') < posts.indexOf('export class CreateCommentBody'), 'a class exists before it is used');
    assert.match(posts, /@ValidateIf\(\(_, value\) => value !== undefined\)\n {2}@IsArray\(\)\n {2}@IsString\(\{ each: true \}\)\n {2}@MaxLength\(20, \{ each: true \}\)\n {2}tags\?: string\[\];/);
    assert.match(posts, /@ValidateIf\(\(_, value\) => value !== undefined\)\n {2}@ValidateNested\(\)\n {2}@Type\(\(\) => AttachmentBody\)\n {2}attachment\?: AttachmentBody;/);

    const views = api.dtos.find((dto) => dto.name === 'CreatePostBody')!.properties.find((property) => property.name === 'views')!;
    views.type = 'string';
    assert.match(renderDtos(api, blogDatabase()).get('src/posts/posts.dto.ts')!, /@Matches\(\/\^-\?\\d\+\$\/, \{ message: 'views must be an integer' \}\)\n {2}views\?: string;/);

    body.properties.push({ name: 'ghost', type: 'object', dto: 'Nowhere' });
    assert.throws(() => renderDtos(api, blogDatabase()), /"Nowhere"/);
  });

  it('parses date-time lists element by element, and holds every request integer to Prisma Int unless the design is tighter', () => {
    const api = blogApi();
    const query = api.dtos.find((dto) => dto.name === 'PostListQuery')!;
    query.properties.push({ name: 'on', type: 'date-time', list: true, optional: true }, { name: 'limit', type: 'integer', optional: true, maximum: 1e12 });
    const body = api.dtos.find((dto) => dto.name === 'CreateCommentBody')!;
    body.properties.push({ name: 'remindAt', type: 'date-time', list: true }, { name: 'rating', type: 'integer', minimum: -5, maximum: 5 });
    const posts = renderDtos(api, blogDatabase()).get('src/posts/posts.dto.ts')!;
    // A query list may arrive as one text; a body list is parsed only when it is a list.
    assert.match(declaration(posts, 'PostListQuery'), /@IsArray\(\)\n {2}@Transform\(\(\{ value \}\) => \[value\]\.flat\(\)\.map\(\(value\) => parseDateTime\(value\)\)\)\n {2}@IsDate\(\{ message: 'on must be an ISO 8601 date-time', each: true \}\)\n {2}on\?: Date\[\];/);
    assert.match(declaration(posts, 'PostListQuery'), /@IsInt\(\)\n {2}@Min\(-2147483648\)\n {2}@Max\(2147483647\)\n {2}limit\?: number;/, 'a maximum above Int is lowered to it');
    const comment = declaration(posts, 'CreateCommentBody');
    assert.match(comment, /@IsArray\(\)\n {2}@Transform\(\(\{ value \}\) => \(Array\.isArray\(value\) \? value\.map\(\(value\) => parseDateTime\(value\)\) : value\)\)\n {2}@IsDate\(\{ message: 'remindAt must be an ISO 8601 date-time', each: true \}\)\n {2}remindAt: Date\[\];/);
    assert.match(comment, /@IsInt\(\)\n {2}@Min\(-5\)\n {2}@Max\(5\)\n {2}rating: number;/);

    // No request date-time, no import of the parser: response date-times are written by the server.
    const noDates = blogApi();
    noDates.dtos.find((dto) => dto.name === 'PostListQuery')!.properties.pop();
    assert.doesNotMatch(renderDtos(noDates, blogDatabase()).get('src/posts/posts.dto.ts')!, /parseDateTime|common\/date-time/);
  });

  it('types properties as their values are', () => {
    assert.equal(propertyType({ name: 'a', type: 'date-time', nullable: true }), 'Date | null');
    assert.equal(propertyType({ name: 'a', type: 'string', list: true }, ['x', 'y']), "('x' | 'y')[]");
    assert.equal(propertyType({ name: 'a', type: 'object', dto: 'Todo', list: true }), 'Todo[]');
  });
});
