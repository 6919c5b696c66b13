import type { DatabaseArtifact } from '../../../../src/core/database/types';
import type { InterfaceArtifact } from '../../../../src/core/interface/types';
import type { RealizedModule } from '../../../../src/core/realize/types';

/**
 * A blog with what the todo app lacks: nested relations (a post's author, its comments and their
 * authors), an optional relation, a DTO nested from another module, an enum column, Decimal, BigInt and
 * Bytes columns, a guest actor and a string path parameter.
 */
export function blogDatabase(): DatabaseArtifact {
  return {
    enums: [{ name: 'PostStatus', file: 'posts', values: ['DRAFT', 'PUBLISHED'] }],
    models: [
      {
        name: 'User',
        description: 'A writer.',
        file: 'users',
        fields: [
          { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
          { name: 'email', type: 'String', unique: true },
          { name: 'passwordHash', type: 'String', secret: true },
          { name: 'name', type: 'String', optional: true },
        ],
      },
      {
        name: 'Post',
        description: 'An article.',
        file: 'posts',
        fields: [
          { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
          { name: 'slug', type: 'String', unique: true },
          { name: 'title', type: 'String' },
          { name: 'status', type: 'PostStatus', default: { kind: 'value', value: 'DRAFT' } },
          { name: 'price', type: 'Decimal', optional: true },
          { name: 'views', type: 'BigInt', default: { kind: 'value', value: 0 } },
          { name: 'cover', type: 'Bytes', optional: true },
          { name: 'authorId', type: 'Int' },
          { name: 'author', type: 'User', relation: { name: 'PostAuthor', fields: ['authorId'], references: ['id'], onDelete: 'Cascade' } },
          { name: 'editorId', type: 'Int', optional: true },
          { name: 'editor', type: 'User', optional: true, relation: { name: 'PostEditor', fields: ['editorId'], references: ['id'], onDelete: 'SetNull' } },
        ],
      },
      {
        name: 'Comment',
        description: 'A reader comment on a post.',
        file: 'posts',
        fields: [
          { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
          { name: 'text', type: 'String' },
          { name: 'createdAt', type: 'DateTime', default: { kind: 'now' } },
          { name: 'postId', type: 'Int' },
          { name: 'post', type: 'Post', relation: { fields: ['postId'], references: ['id'], onDelete: 'Cascade' } },
          { name: 'authorId', type: 'Int' },
          { name: 'author', type: 'User', relation: { fields: ['authorId'], references: ['id'], onDelete: 'Cascade' } },
        ],
      },
    ],
  };
}

export function blogApi(): InterfaceArtifact {
  const notFound = [{ status: 404 as const, description: 'No such post.' }];
  return {
    authentication: [{ actor: 'member', model: 'User', identifier: 'email', password: 'passwordHash', path: '/auth' }],
    dtos: [
      {
        name: 'UserSummary',
        kind: 'response',
        description: 'Who wrote something.',
        model: 'User',
        properties: [
          { name: 'id', type: 'integer', column: 'id' },
          { name: 'name', type: 'string', column: 'name', nullable: true },
        ],
      },
      {
        name: 'PostListQuery',
        kind: 'query',
        description: 'Which posts to list.',
        properties: [
          { name: 'mine', type: 'boolean', optional: true, default: false },
          { name: 'minPrice', type: 'number', optional: true, minimum: 0 },
          { name: 'since', type: 'date-time', optional: true },
        ],
      },
      {
        name: 'CommentView',
        kind: 'response',
        description: 'A comment with its author.',
        model: 'Comment',
        properties: [
          { name: 'id', type: 'integer', column: 'id' },
          { name: 'text', type: 'string', column: 'text' },
          { name: 'author', type: 'object', dto: 'UserSummary', column: 'author' },
        ],
      },
      {
        name: 'PostDetail',
        kind: 'response',
        description: 'A post with its author, editor and comments.',
        model: 'Post',
        properties: [
          { name: 'id', type: 'integer', column: 'id' },
          { name: 'slug', type: 'string', column: 'slug' },
          { name: 'title', type: 'string', column: 'title' },
          { name: 'status', type: 'string', column: 'status' },
          { name: 'price', type: 'string', column: 'price', nullable: true, description: 'Decimal, as a string.' },
          { name: 'views', type: 'string', column: 'views' },
          { name: 'cover', type: 'string', column: 'cover', nullable: true, description: 'Base64.' },
          { name: 'author', type: 'object', dto: 'UserSummary', column: 'author' },
          { name: 'editor', type: 'object', dto: 'UserSummary', column: 'editor', nullable: true },
          { name: 'comments', type: 'object', dto: 'CommentView', column: 'comments', list: true },
        ],
      },
      {
        name: 'CreatePostBody',
        kind: 'body',
        description: 'A new post.',
        model: 'Post',
        properties: [
          { name: 'slug', type: 'string', column: 'slug', minLength: 1, maxLength: 80 },
          { name: 'title', type: 'string', column: 'title', minLength: 1 },
          { name: 'status', type: 'string', column: 'status', optional: true },
          { name: 'price', type: 'string', column: 'price', optional: true, nullable: true },
          { name: 'views', type: 'integer', column: 'views', optional: true, minimum: 0 },
          { name: 'cover', type: 'string', column: 'cover', nullable: true },
          { name: 'notify', type: 'boolean', optional: true, description: 'Not stored: tell the followers.' },
        ],
      },
      {
        name: 'CreateCommentBody',
        kind: 'body',
        description: 'A new comment.',
        model: 'Comment',
        properties: [{ name: 'text', type: 'string', column: 'text', minLength: 1, maxLength: 500 }],
      },
    ],
    operations: [
      { id: 'getMe', module: 'users', section: 'users', summary: 'The caller.', method: 'GET', path: '/users/me', actor: 'member', model: 'User', params: [], response: 'UserSummary', status: 200, errors: [] },
      { id: 'listPosts', module: 'posts', section: 'posts', summary: 'Published posts.', method: 'GET', path: '/posts', actor: 'guest', model: 'Post', params: [], query: 'PostListQuery', response: 'PostDetail', responseList: true, status: 200, errors: [] },
      { id: 'getPost', module: 'posts', section: 'posts', summary: 'One post by slug.', method: 'GET', path: '/posts/by-slug/{slug}', actor: 'guest', model: 'Post', params: [{ name: 'slug', type: 'string', column: 'slug' }], response: 'PostDetail', status: 200, errors: notFound },
      { id: 'createPost', module: 'posts', section: 'posts', summary: 'Write a post.', method: 'POST', path: '/posts', actor: 'member', model: 'Post', params: [], body: 'CreatePostBody', response: 'PostDetail', status: 201, errors: [] },
      { id: 'addComment', module: 'posts', section: 'posts', summary: 'Comment on a post.', method: 'POST', path: '/posts/{id}/comments', actor: 'member', model: 'Comment', params: [{ name: 'id', type: 'integer', column: 'id' }], body: 'CreateCommentBody', response: 'CommentView', status: 200, errors: notFound },
      { id: 'deletePost', module: 'posts', section: 'posts', summary: 'Remove a post.', method: 'DELETE', path: '/posts/{id}', actor: 'member', model: 'Post', params: [{ name: 'id', type: 'integer', column: 'id' }], status: 204, errors: notFound },
    ],
  };
}

export const BLOG_ACTORS = [
  { name: 'guest', kind: 'guest' },
  { name: 'member', kind: 'member' },
];

/** Bodies for the blog, written as the Realize model would. */
export function blogRealized(): RealizedModule[] {
  return [
    {
      name: 'users',
      helpers: '',
      operations: [
        {
          id: 'getMe',
          body: `const row = await this.prisma.user.findUnique({ where: { id: member.id }, select: userSummarySelect });
if (!row) throw new UnauthorizedException('The account is gone');
return toUserSummary(row);`,
        },
      ],
    },
    {
      name: 'posts',
      helpers: `
        /** Posts are looked up by id from several operations. */
        async function findPost(prisma: PrismaService, id: number) {
          const post = await prisma.post.findUnique({ where: { id }, select: postDetailSelect });
          if (!post) throw new NotFoundException(\`Post \${id} not found\`);
          return post;
        }
      `,
      operations: [
        {
          id: 'listPosts',
          body: `const where: Prisma.PostWhereInput = { status: PostStatus.PUBLISHED };
if (query.minPrice !== undefined) where.price = { gte: new Prisma.Decimal(query.minPrice) };
const rows = await this.prisma.post.findMany({ where, select: postDetailSelect, orderBy: { id: 'desc' } });
return rows.map(toPostDetail);`,
        },
        {
          id: 'getPost',
          body: `const row = await this.prisma.post.findUnique({ where: { slug }, select: postDetailSelect });
if (!row) throw new NotFoundException(\`No post "\${slug}"\`);
return toPostDetail(row);`,
        },
        {
          id: 'createPost',
          body: `try {
  const row = await this.prisma.post.create({ data: { ...collectCreatePost(body), authorId: member.id }, select: postDetailSelect });
  return toPostDetail(row);
} catch (error) {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new ConflictException('slug taken');
  throw error;
}`,
        },
        {
          id: 'addComment',
          body: `await findPost(this.prisma, id);
const row = await this.prisma.comment.create({ data: { ...collectCreateComment(body), postId: id, authorId: member.id }, select: commentViewSelect });
return toCommentView(row);`,
        },
        {
          id: 'deletePost',
          body: `const post = await findPost(this.prisma, id);
if (post.author.id !== member.id) throw new ForbiddenException('Not your post');
await this.prisma.post.delete({ where: { id } });`,
        },
      ],
    },
  ];
}
