import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ReviewSummary } from '../../src/review/reviewSession';
import type { RestoreOutcome } from '../../src/commands/restoreCheckpointCommand';
import { PhaseDiffDocuments } from '../../src/diff/phaseDiffDocuments';
import { FakeOllamaServer } from '../fakes/fakeOllamaServer';
import { readWorkspaceFile, screenshot, snapshot, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';
import { answerAsTodoModel, getTodoSaying, type TodoModel } from './todoModel';

type RunResult = { outcome: string; written: string[] };
const REQUIREMENTS = 'A todo service for many users.';
const SERVICE = 'src/todos/todos.service.ts';
const config = () => vscode.workspace.getConfiguration('strata');
const newBackend = (extra: Record<string, unknown> = {}) => vscode.commands.executeCommand<RunResult>('strata.newBackend', { requirements: REQUIREMENTS, replace: true, ...extra });
const pendingReview = (mode: ReviewSummary['mode']) =>
  waitFor(`a pending ${mode}`, async () => {
    const summary = await vscode.commands.executeCommand<ReviewSummary | undefined>('strata.reviewChanges', { show: false });
    return summary?.mode === mode ? summary : undefined;
  }, 60_000);
/** Waits for a tab with this label to be the active one, naming the tabs there are when it does not come. */
const activeTab = (label: string) =>
  waitFor(`the tab "${label}"`, () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === label).catch((error: Error) => {
    throw new Error(`${error.message}; tabs: ${vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => `${tab.label}${tab.isActive ? ' (active)' : ''}`)).join(', ')}`);
  });
/** The workspace without Strata's restore points (which every applied run and restore adds one of). */
const project = () => Object.fromEntries(Object.entries(snapshot(workspaceRoot().fsPath)).filter(([path]) => !path.startsWith('.strata/checkpoints')));
const newestCheckpoint = () => readdirSync(join(workspaceRoot().fsPath, '.strata/checkpoints')).filter((name) => name.endsWith('.json')).sort().at(-1)!.replace(/\.json$/, '');

/**
 * The editor experience of a run over an existing project: review before apply, hand-edit conflicts file by
 * file, phase diffs of the generated files and restore points. Runs after extension.test.ts, in the todo
 * project it leaves.
 */
describe('Strata reviews, conflicts, phase diffs and checkpoints in a real VS Code', function () {
  this.timeout(180_000);
  const ollama = new FakeOllamaServer([{ name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'] }]);
  const model: TodoModel = {};
  const screenshots: string[] = [];

  before(async () => {
    await ollama.start();
    answerAsTodoModel(ollama, model);
    await config().update('ollama.host', ollama.url, vscode.ConfigurationTarget.Global);
    await config().update('model', 'qwen2.5-coder:7b', vscode.ConfigurationTarget.Global);
    // A clean todo backend to start from: the earlier suites edited some of its files by hand.
    model.getTodoBody = getTodoSaying('baseline');
    const baseline = await newBackend({ overwrite: true });
    assert.equal(baseline.outcome, 'succeeded', JSON.stringify((baseline as unknown as { issues: unknown }).issues));
  });

  after(async () => {
    if (screenshots.length) console.log(`      screenshots: ${screenshots.join(', ')}`);
    await config().update('reviewBeforeApply', 'never', vscode.ConfigurationTarget.Global);
    await config().update('ollama.host', undefined, vscode.ConfigurationTarget.Global);
    await config().update('model', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ollama.stop();
  });

  const keepScreenshot = async (name: string) => {
    const path = await screenshot(name);
    if (path) screenshots.push(path);
  };

  it('review before apply (on by default over an existing project): rejecting leaves the workspace exactly as it was, applying writes it file by file', async () => {
    await config().update('reviewBeforeApply', undefined, vscode.ConfigurationTarget.Global);
    const readme = `${(await readWorkspaceFile('README.md'))!}\nMy own note on running it.\n`;
    await writeWorkspaceFile('README.md', readme);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'test/todos.e2e.test.ts'));
    model.getTodoBody = getTodoSaying('reviewed');
    const before = snapshot(workspaceRoot().fsPath);

    const rejected = newBackend();
    const review = await pendingReview('review');
    assert.deepEqual(review.files, [
      { path: 'README.md', change: 'changed', conflict: 'edited', choice: 'current', choices: ['current', 'proposed', 'merge'] },
      { path: SERVICE, change: 'changed', choice: 'proposed', choices: ['proposed', 'current'] },
      { path: 'test/todos.e2e.test.ts', change: 'new', choice: 'proposed', choices: ['proposed', 'current'] },
    ]);
    // VS Code's multi-file diff names its tab with the title and how many files it holds.
    await activeTab(`${review.title} (3 files)`);
    await keepScreenshot('review-before-apply');
    assert.deepEqual(await vscode.commands.executeCommand('strata.rejectChanges'), { rejected: true, mode: 'review' });
    assert.equal((await rejected).outcome, 'cancelled');
    assert.deepEqual(snapshot(workspaceRoot().fsPath), before, 'a rejected review changes nothing, not even a restore point');

    const applied = newBackend();
    await pendingReview('review');
    assert.deepEqual(await vscode.commands.executeCommand('strata.applyChanges', { resolutions: { 'test/todos.e2e.test.ts': 'current' } }), { applied: true, mode: 'review' });
    const result = await applied;
    assert.equal(result.outcome, 'succeeded');
    assert.match((await readWorkspaceFile(SERVICE))!, /is missing \(reviewed\)/);
    assert.equal(await readWorkspaceFile('README.md'), readme, 'a hand edit is kept unless taken');
    assert.equal(await readWorkspaceFile('test/todos.e2e.test.ts'), undefined, 'a file refused in the review is left as it is');
    assert.deepEqual(result.written.filter((path) => !path.startsWith('.strata/')), [SERVICE]);
  });

  it('runs a phase again from the review with an instruction, which reaches the model, and reviews the new result', async () => {
    const before = project();
    const run = newBackend();
    await pendingReview('review');
    const asked = ollama.chatRequests.length;
    const instruction = 'Say that the todo is missing, not that it was not found.';
    assert.deepEqual(await vscode.commands.executeCommand('strata.rerunPhase', { phase: 'realize', instruction }), { phase: 'realize', instruction });
    const again = await waitFor('the Realize call again', () => ollama.chatRequests.slice(asked).find((request) => request.tools?.[0]?.function.name === 'implement_module'), 60_000);
    assert.ok(again.messages.some((message) => message.content.includes(instruction)), 'the instruction is in the prompt');
    assert.deepEqual(ollama.chatRequests.slice(asked).map((request) => request.tools?.[0]?.function.name), ['implement_module'], 'only the phase asked for ran again');
    await pendingReview('review');
    await vscode.commands.executeCommand('strata.rejectChanges');
    assert.equal((await run).outcome, 'cancelled');
    assert.deepEqual(project(), before);
  });

  it('a hand-edit conflict offers keep mine, take the new one and a merge in the merge editor; a kept file does not throw away the rest', async () => {
    await config().update('reviewBeforeApply', 'never', vscode.ConfigurationTarget.Global);
    const dockerignore = (await readWorkspaceFile('.dockerignore'))!;
    const main = (await readWorkspaceFile('src/main.ts'))!;
    await writeWorkspaceFile('.dockerignore', `${dockerignore}my-secrets/\n`);
    await writeWorkspaceFile('src/main.ts', `${main}// started by hand\n`);
    model.getTodoBody = getTodoSaying('conflicts');

    const run = newBackend();
    const conflicts = await pendingReview('conflicts');
    assert.deepEqual(
      conflicts.files.map((file) => [file.path, file.conflict, file.choice, file.choices]),
      [
        ['.dockerignore', 'edited', 'current', ['current', 'proposed', 'merge']],
        ['README.md', 'edited', 'current', ['current', 'proposed', 'merge']],
        ['src/main.ts', 'edited', 'current', ['current', 'proposed', 'merge']],
      ],
    );
    // The choices through the UI: the quick pick lists them, the default first; the third opens the merge editor.
    const picked = vscode.commands.executeCommand<{ choice: string; mergeResult: string }>('strata.chooseForFile', { path: 'src/main.ts' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const merge = await picked;
    assert.equal(merge.choice, 'merge');
    const mergeTab = await waitFor('the merge editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { result?: vscode.Uri; base?: vscode.Uri } | undefined;
      return input?.result?.toString() === merge.mergeResult ? input : undefined;
    });
    assert.equal(mergeTab.base!.scheme, 'strata-review');
    await keepScreenshot('conflict-merge-editor');
    const merged = `${main}// started by hand, merged\n`;
    await vscode.workspace.fs.writeFile(vscode.Uri.parse(merge.mergeResult), new TextEncoder().encode(merged));
    await vscode.commands.executeCommand('strata.chooseForFile', { path: '.dockerignore', choice: 'proposed' });
    await vscode.commands.executeCommand('strata.applyChanges');

    assert.equal((await run).outcome, 'succeeded');
    assert.equal(await readWorkspaceFile('src/main.ts'), merged);
    assert.equal(await readWorkspaceFile('.dockerignore'), dockerignore);
    assert.match((await readWorkspaceFile('README.md'))!, /My own note on running it\./, 'keep mine is the default');
    assert.match((await readWorkspaceFile(SERVICE))!, /is missing \(conflicts\)/, 'the rest of the run was written');
    // The merge editor's result lives in memory: saving it there keeps the close from asking about it.
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Phase Diff lists the files the phase changed in its last run, with the artifact, from documents that follow the next run', async () => {
    const shown = await vscode.commands.executeCommand<{ phase: string; files: string[]; artifact: string }>('strata.showPhaseDiff', { phase: 'realize' });
    assert.deepEqual(shown.files.sort(), ['.dockerignore', 'src/main.ts', SERVICE]);
    assert.equal(shown.artifact, '.strata/realize.json');
    await activeTab('Strata: what Realize changed in its last run (4 files)');
    const before = await vscode.workspace.openTextDocument(PhaseDiffDocuments.uriFor('realize', 'before', SERVICE));
    const after = await vscode.workspace.openTextDocument(PhaseDiffDocuments.uriFor('realize', 'after', SERVICE));
    assert.match(before.getText(), /is missing \(reviewed\)/);
    assert.match(after.getText(), /is missing \(conflicts\)/);
    const overwritten = await vscode.workspace.openTextDocument(PhaseDiffDocuments.uriFor('realize', 'before', 'src/main.ts'));
    assert.match(overwritten.getText(), /started by hand\n$/, 'the hand edit the run replaced is on the left');
    // The earlier runs' notifications would cover the diff: they stay in the notification centre.
    await vscode.commands.executeCommand('notifications.hideToasts');
    await keepScreenshot('phase-diff');

    model.getTodoBody = getTodoSaying('next run');
    assert.equal((await newBackend({ overwrite: true })).outcome, 'succeeded');
    try {
      await waitFor('the open left side to follow the new run', () => /is missing \(conflicts\)/.test(before.getText()), 15_000);
    } catch (error) {
      const newest = JSON.parse(readFileSync(join(workspaceRoot().fsPath, '.strata/checkpoints', `${newestCheckpoint()}.json`), 'utf8')) as { label: string; files: { path: string; phase?: string; before: string | null }[] };
      const entry = newest.files.find((file) => file.path === SERVICE);
      throw new Error(`${(error as Error).message}; newest checkpoint "${newest.label}" holds ${newest.files.map((file) => `${file.path}:${file.phase ?? '-'}`).join(', ')}; its service before: ${entry?.before?.match(/is missing \([^)]*\)/)?.[0]}; the document shows: ${before.getText().match(/is missing \([^)]*\)/)?.[0]}`);
    }
    await waitFor('the open right side to follow the new run', () => /is missing \(next run\)/.test(after.getText()), 15_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Restore Checkpoint returns the files to before a run, keeping a file edited since and naming it, or taking it back when chosen', async () => {
    const readme = `${(await readWorkspaceFile('README.md'))!}\nMy note, again.\n`;
    await writeWorkspaceFile('README.md', readme);
    const beforeRun = project();
    model.getTodoBody = getTodoSaying('to be undone');
    const run = await newBackend({ overwrite: true });
    assert.equal(run.outcome, 'succeeded');
    const checkpoint = newestCheckpoint();
    assert.notEqual(await readWorkspaceFile('README.md'), beforeRun['README.md'], 'the run replaced the hand-edited README');
    const edited = `${(await readWorkspaceFile(SERVICE))!}// my fix after the run\n`;
    await writeWorkspaceFile(SERVICE, edited);

    const kept = await vscode.commands.executeCommand<RestoreOutcome>('strata.restoreCheckpoint', { checkpoint, review: false });
    assert.equal(kept.outcome, 'committed');
    assert.deepEqual(kept.kept, [SERVICE]);
    assert.ok(kept.restored.includes('README.md'), kept.restored.join(', '));
    assert.equal(await readWorkspaceFile(SERVICE), edited);
    assert.equal(await readWorkspaceFile('README.md'), readme, 'the hand edit the run overwrote is back');

    // Again, through the review: the edited file is the one conflict, and taking the restored version is a choice.
    const restoring = vscode.commands.executeCommand<RestoreOutcome>('strata.restoreCheckpoint', { checkpoint });
    const review = await pendingReview('restore');
    assert.deepEqual(review.files, [{ path: SERVICE, change: 'changed', conflict: 'edited', choice: 'current', choices: ['current', 'proposed', 'merge'] }]);
    await vscode.commands.executeCommand('strata.applyChanges', { resolutions: { [SERVICE]: 'proposed' } });
    const restored = await restoring;
    assert.deepEqual([restored.outcome, restored.restored, restored.kept], ['committed', [SERVICE], []]);
    assert.deepEqual(project(), beforeRun, 'every file, artifact and the manifest as before the run');
  });
});
