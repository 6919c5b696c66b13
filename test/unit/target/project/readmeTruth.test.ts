import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../../src/core/config/settings';
import { generateBackend } from '../../../../src/core/backend/generate';
import { MemoryProjectFiles } from '../../../../src/core/project/projectFiles';
import { ScriptedModel } from '../../../fakes/scriptedModel';

const FIXTURES = join(__dirname, '../../../../../test/fixtures');

describe('the generated README tells the truth about the layout', () => {
  for (const app of ['todo', 'blog']) {
    it(`every path the ${app} README lists exists, and every module file exists in its table`, async function () {
      this.timeout(30_000);
      const target = new MemoryProjectFiles();
      const summary = await generateBackend({
        requirements: readFileSync(join(FIXTURES, app, 'requirements.md'), 'utf8'),
        target,
        provider: new ScriptedModel(join(FIXTURES, app, 'scripted')),
        settings: DEFAULT_SETTINGS,
      });
      assert.equal(summary.outcome, 'succeeded');
      const readme = target.files.get('README.md')!;
      const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));
      // The table as prettier lays it out: cells padded to the column's width.
      const listed = [...layout.matchAll(/^\| `([^`]+)` +\|/gm)].map((match) => match[1]!);
      assert.ok(listed.length > 8, layout);
      const files = [...target.files.keys()];
      const missing = listed.filter((path) => (path.endsWith('/') ? !files.some((file) => file.startsWith(path)) : !target.files.has(path)));
      assert.deepEqual(missing, [], 'listed but not generated');
      const moduleFiles = files.filter((file) => /^src\/[a-z0-9-]+\/[a-z0-9-]+\.(controller|service|dto|collectors|transformers|exceptions)\.ts$/.test(file) && !file.startsWith('src/auth/') && !file.startsWith('src/prisma/'));
      assert.deepEqual(moduleFiles.filter((file) => !listed.includes(file)), [], 'generated but not listed');
    });
  }
});
