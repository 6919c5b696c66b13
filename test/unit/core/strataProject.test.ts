import * as assert from 'node:assert/strict';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { artifactPath, isStrataProject, REQUIREMENTS_FILE, savedPhases, saveRequirements } from '../../../src/core/project/strataProject';

describe('strata project', () => {
  it('is not a project until requirements or artifacts are saved', async () => {
    const files = new MemoryProjectFiles();
    assert.equal(await isStrataProject(files), false);
    await saveRequirements(files, 'A todo service.\r\nUsers log in.  ');
    assert.equal(await files.read(REQUIREMENTS_FILE), 'A todo service.\nUsers log in.\n');
    assert.equal(await isStrataProject(files), true);
  });

  it('refuses empty requirements and writes nothing', async () => {
    const files = new MemoryProjectFiles();
    await assert.rejects(saveRequirements(files, ' \n '), /empty/);
    assert.equal(files.files.size, 0);
  });

  it('lists saved phases in pipeline order', async () => {
    const files = new MemoryProjectFiles();
    await files.write(artifactPath('interface'), '{}');
    await files.write(artifactPath('analyze'), '{}');
    await files.write('.strata/notes.json', '{}');
    assert.deepEqual(await savedPhases(files), ['analyze', 'interface']);
    assert.equal(await isStrataProject(files), true);
  });
});
