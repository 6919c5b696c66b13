import * as assert from 'node:assert/strict';
import { formatSchema } from '@prisma/internals';
import { renderSchema } from '../../../../src/core/target/nest-prisma/prisma/schemaFiles';
import type { DatabaseArtifact } from '../../../../src/core/database/types';
import { fixtureApp } from '../../../fixtures/fixtureApp';

/**
 * Generated Prisma schemas are left alone by the formatting step (prettier has no Prisma parser): they must
 * already be what `prisma format` writes, or a user's `prisma format` (or the Prisma extension's
 * format-on-save) would change them. `formatSchema` is the formatter the Prisma CLI runs.
 */
describe('rendered Prisma schemas are as `prisma format` writes them', () => {
  for (const app of ['todo', 'blog', 'clinic', 'ticketing', 'timesheet', 'todo-tags', 'todo-tags-comments', 'clinic-rooms']) {
    for (const database of ['sqlite', 'postgresql'] as const) {
      it(`${app} on ${database}`, async () => {
        const artifact = fixtureApp(app).answer<DatabaseArtifact>('database', 'data_model.json');
        const files = [...renderSchema(artifact, database).files];
        assert.ok(files.length >= 2);
        const formatted = await formatSchema({ schemas: files });
        assert.deepEqual(formatted, files);
      });
    }
  }
});
