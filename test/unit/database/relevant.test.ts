import * as assert from 'node:assert/strict';
import { relevantModels } from '../../../src/core/database/relevant';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import { blogDatabase } from '../target/module/blogFixture';

const library = (): DatabaseArtifact => ({
  files: [],
  enums: [],
  models: [
    { name: 'Member', file: 'x', description: '', fields: [{ name: 'id', type: 'Int', id: true }] },
    { name: 'Book', file: 'x', description: '', fields: [{ name: 'id', type: 'Int', id: true }] },
    { name: 'Copy', file: 'x', description: '', fields: [{ name: 'id', type: 'Int', id: true }, { name: 'bookId', type: 'Int' }, { name: 'book', type: 'Book', relation: { fields: ['bookId'], references: ['id'] } }] },
    { name: 'Loan', file: 'x', description: '', fields: [{ name: 'id', type: 'Int', id: true }, { name: 'copyId', type: 'Int' }, { name: 'copy', type: 'Copy', relation: { fields: ['copyId'], references: ['id'] } }] },
    { name: 'Category', file: 'x', description: '', fields: [{ name: 'id', type: 'Int', id: true }] },
  ],
} as unknown as DatabaseArtifact);

describe('the models a piece of work needs to see', () => {
  it('follows relations both ways from where it starts: comments of posts, and the post and author of a comment', () => {
    assert.deepEqual([...relevantModels(blogDatabase(), ['Post'])].sort(), ['Comment', 'Post', 'User']);
  });

  it('adds the models a rule names, singular or plural, and their neighbours', () => {
    const models = relevantModels(library(), ['Member'], 'A member may have at most 3 active loans; categories are free text.');
    assert.deepEqual([...models].sort(), ['Category', 'Copy', 'Loan', 'Member']);
    assert.deepEqual([...relevantModels(library(), ['Member'], 'Members sign up.')], ['Member'], 'nothing named, nothing added');
  });
});
