import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QueriedElement } from '../../src/sidebar/protocol';
import { FakeOllamaServer, type FakeReply, type WireChatRequest } from '../fakes/fakeOllamaServer';
import { scriptedAnswer } from '../fixtures/todo/fixtures';
import { activateStrata, readWorkspaceFile, screenshot, snapshot, waitFor, workspaceRoot } from './helpers';

/** The todo app's answers, keyed by the function each phase offers. */
function todoAnswer(request: WireChatRequest, getTodoBody?: string): FakeReply {
  const tool = request.tools![0]!.function;
  const described = tool.description ?? '';
  const answers: Record<string, () => Record<string, unknown>> = {
    define_requirements: () => scriptedAnswer('analyze', 'requirements.json'),
    define_data_model: () => scriptedAnswer('database', 'data_model.json'),
    plan_api: () => scriptedAnswer('interface', 'api_plan.json'),
    define_module: () => {
      const [, module, part] = /"([a-z0-9-]+)" module(?:, part (\d+) of)?/.exec(described) ?? [];
      return scriptedAnswer('interface', `module_${module}${part ? `_part_${part}` : ''}.json`);
    },
    define_scenarios: () => scriptedAnswer('test', `scenarios_${/the operation "([A-Za-z0-9]+)"/.exec(described)?.[1]}.json`),
    implement_module: () => {
      const answer = scriptedAnswer<{ operations: { id: string; body: string }[] }>('realize', 'module_todos.json');
      if (getTodoBody) answer.operations.find((operation) => operation.id === 'getTodo')!.body = getTodoBody;
      return answer as unknown as Record<string, unknown>;
    },
  };
  return { toolCalls: [{ name: tool.name, arguments: answers[tool.name]?.() ?? { sum: 5 } }] };
}

const byPhase = (elements: QueriedElement[]) => Object.fromEntries(elements.map((element) => [element.data.phase!, element]));

describe('the editor experience', () => {
  const ollama = new FakeOllamaServer([{ name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'] }]);
  const config = () => vscode.workspace.getConfiguration('strata');
  let responder: (request: WireChatRequest) => FakeReply | Promise<FakeReply> = (request) => todoAnswer(request);

  before(async () => {
    await ollama.start();
    ollama.responder = (request) => responder(request);
    await config().update('ollama.host', ollama.url, vscode.ConfigurationTarget.Global);
    await config().update('model', 'qwen2.5-coder:7b', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('ollama.host', undefined, vscode.ConfigurationTarget.Global);
    await config().update('model', undefined, vscode.ConfigurationTarget.Global);
    await ollama.stop();
  });

  it('the live run view shows each phase as the run goes (a retry with its feedback, the answer streaming), refuses a second run, and a cancel leaves nothing done that was not', async function () {
    this.timeout(90_000);
    const api = await activateStrata();
    await vscode.commands.executeCommand('workbench.view.extension.strata');
    await api.sidebar.whenReady();
    const before = snapshot(workspaceRoot().fsPath);

    // The data model's first answer is empty, so it is asked again with feedback; that retry waits for the test.
    let dataModelAsked = 0;
    let releaseRetry!: () => void;
    const retryHeld = new Promise<void>((resolve) => (releaseRetry = resolve));
    responder = async (request) => {
      const tool = request.tools![0]!.function.name;
      if (tool === 'define_data_model' && ++dataModelAsked === 1) return { toolCalls: [{ name: tool, arguments: {} }] };
      if (tool === 'define_data_model') await retryHeld;
      // The Test phase's answers stream a sentence, then stall until the run is cancelled.
      if (tool === 'define_scenarios') return { ...todoAnswer(request), content: 'Scenarios for this operation: one success, then each refusal in turn.', stallAfterChunks: 3 };
      return todoAnswer(request);
    };
    try {
      const first = vscode.commands.executeCommand<{ outcome: string } | undefined>('strata.newBackend', { requirements: 'A todo service for many users, watched live.', replace: true });

      // Retrying, with the feedback the retry carries.
      const retrying = await waitFor('the Database row to show its retry', async () => {
        const rows = byPhase(await api.sidebar.query('li.live-phase'));
        return rows.database?.data.status === 'retrying' ? rows : undefined;
      }, 30_000);
      assert.equal(retrying.analyze!.data.status, 'done');
      assert.equal(retrying.analyze!.data.attempts, '1');
      assert.ok(Number(retrying.analyze!.data.tokensIn) > 0 && Number(retrying.analyze!.data.tokensOut) > 0, JSON.stringify(retrying.analyze));
      assert.equal(retrying.database!.data.attempts, '2');
      assert.deepEqual([retrying.interface!.data.status, retrying.test!.data.status, retrying.realize!.data.status], ['waiting', 'waiting', 'waiting']);
      const [feedback] = await api.sidebar.query('li.live-phase[data-phase="database"] .live-call details.feedback pre');
      assert.match(feedback!.text, /Your answer has \d+ problem\(s\)/);
      const [call] = await api.sidebar.query('li.live-phase[data-phase="database"] .live-call');
      assert.equal(call!.data.attempt, '2');

      // A second run is refused while this one goes on, before it asks the model anything.
      const asked = ollama.chatRequests.length;
      assert.equal(await vscode.commands.executeCommand('strata.newBackend', { requirements: 'Another backend.', replace: true }), undefined);
      assert.equal(await vscode.commands.executeCommand('strata.resumeBackend'), undefined);
      releaseRetry();

      // The Test phase's answer streams into the view as it arrives.
      await waitFor('the Test answer to stream into the view', async () => (await api.sidebar.query('li.live-phase[data-phase="test"] pre.stream')).some((element) => /Scenarios for this oper/.test(element.text)), 30_000);
      assert.equal(ollama.chatRequests.slice(asked).filter((request) => request.messages.at(-1)!.content.includes('Another backend.')).length, 0, 'the refused run asked nothing');
      const streaming = byPhase(await api.sidebar.query('li.live-phase'));
      assert.deepEqual(
        Object.values(streaming).map((row) => `${row.data.phase} ${row.data.status} ${row.data.calls}/${row.data.attempts}`),
        ['analyze done 1/1', 'database done 1/2', 'interface done 3/3', 'test running 0/2', 'realize waiting 0/0'],
      );
      assert.match(streaming.database!.text, /1 call\(s\), 2 attempt\(s\), [\d,.]+ in \/ [\d,.]+ out, \d+\.\d s/);
      // A finished phase keeps its last call's answer (the tool call's arguments, as they arrived) to be read.
      const [lastAnswer] = await api.sidebar.query('li.live-phase[data-phase="database"] details.last-answer pre');
      assert.ok(lastAnswer!.text.endsWith(JSON.stringify(scriptedAnswer('database', 'data_model.json')).slice(-200)), lastAnswer!.text.slice(-300));
      const [heading] = await api.sidebar.query('section.live-run');
      assert.equal(heading!.data.outcome, 'running');
      assert.match(heading!.text, /Cancel/);

      await screenshot('live-run-view');

      // Cancel: what was going on is cancelled, what finished stays done, and nothing is written.
      assert.deepEqual(await vscode.commands.executeCommand('strata.cancelGeneration'), { cancelled: true });
      assert.equal((await first)?.outcome, 'cancelled');
      const ended = await waitFor('the view to show the cancelled run', async () => {
        const [section] = await api.sidebar.query('section.live-run');
        return section?.data.outcome === 'cancelled' ? byPhase(await api.sidebar.query('li.live-phase')) : undefined;
      });
      assert.deepEqual(
        Object.values(ended).map((row) => `${row.data.phase} ${row.data.status}`),
        ['analyze done', 'database done', 'interface done', 'test cancelled', 'realize waiting'],
      );
      assert.deepEqual(snapshot(workspaceRoot().fsPath), before, 'a cancelled run writes nothing');
    } finally {
      releaseRetry();
      responder = (request) => todoAnswer(request);
      // A failed check must not leave the stalled run holding the window for the next tests.
      await vscode.commands.executeCommand('strata.cancelGeneration');
    }
  });

  it("Strata's compiler errors survive an unrelated edit, offer the fix the message names, and clear when a save's re-check finds it fixed", async function () {
    this.timeout(120_000);
    await activateStrata();
    responder = (request) =>
      todoAnswer(request, "const row = await this.prisma.todo.findFirst({ where: ownTodo(member, id), select: todoSelect });\nif (!row) throw new NotFoundException('missing');\nreturn { ...toTodo(row), title: row.titel };");
    try {
      const result = await vscode.commands.executeCommand<{ outcome: string; issues: unknown[] }>('strata.newBackend', { requirements: 'A todo service for many users.', replace: true, overwrite: true });
      assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    } finally {
      responder = (request) => todoAnswer(request);
    }
    const service = vscode.Uri.joinPath(workspaceRoot(), 'src/todos/todos.service.ts');
    const strata = () => vscode.languages.getDiagnostics(service).filter((diagnostic) => diagnostic.source === 'strata:typescript');
    const found = await waitFor('diagnostics on the service', () => (strata().length > 0 ? strata() : undefined));
    assert.match(found[0]!.message, /titel/);

    // A blank line and its undo: the problem is still there, so is its diagnostic.
    const editor = await vscode.window.showTextDocument(service);
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '\n')));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.isDirty, false, 'the undo brought the saved text back');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(strata().map((diagnostic) => diagnostic.message), found.map((diagnostic) => diagnostic.message));

    // The message names the fix; the quick fix applies it and the save's re-check clears the diagnostic.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', service, found[0]!.range);
    const fix = actions.find((action) => action.title === "Change to 'title'");
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(await editor.document.save());
    await waitFor("the save's re-check to clear the diagnostic", () => strata().length === 0, 60_000);
    assert.match((await readWorkspaceFile('src/todos/todos.service.ts'))!, /title: row\.title/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("the model's status follows the settings: a report made for another server is not shown", async () => {
    const api = await activateStrata();
    await vscode.commands.executeCommand('workbench.view.extension.strata');
    const report = await vscode.commands.executeCommand<{ ok: boolean }>('strata.diagnoseModel');
    assert.equal(report.ok, true);
    await waitFor('the sidebar to show the model ready', async () => /\bready\b/.test(await api.sidebar.ping()));
    await config().update('ollama.host', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      const page = await waitFor('the sidebar to drop the old report', async () => {
        const text = await api.sidebar.ping();
        return text.includes('http://127.0.0.1:9') ? text : undefined;
      });
      assert.doesNotMatch(page, /\bready\b/);
      assert.match(page, /Not checked yet/);
    } finally {
      await config().update('ollama.host', ollama.url, vscode.ConfigurationTarget.Global);
    }
  });

  it('New Backend without requirements opens requirements.md from a template, runs nothing until it says something, then runs from it', async function () {
    this.timeout(60_000);
    const asked = ollama.chatRequests.length;
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'requirements.md')).then(undefined, () => undefined);
    assert.equal(await vscode.commands.executeCommand('strata.newBackend'), undefined);
    const template = await readWorkspaceFile('requirements.md');
    assert.match(template!, /## Who uses it/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.path.endsWith('/requirements.md'), true);
    assert.equal(ollama.chatRequests.length, asked, 'a template is not run');

    // Once it says something (unsaved, as a user types), the same command saves it and runs from it.
    const document = vscode.window.activeTextEditor!.document;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), '# Todos\n\nA todo service for many users, from the document.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const result = await vscode.commands.executeCommand<{ outcome: string; issues: unknown[] }>('strata.newBackend', { replace: true, overwrite: true });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    assert.equal(document.isDirty, false, 'the document was saved before the run');
    assert.equal(await readWorkspaceFile('.strata/requirements.md'), '# Todos\n\nA todo service for many users, from the document.\n');
    const analyzed = ollama.chatRequests.slice(asked).find((request) => request.tools?.[0]?.function.name === 'define_requirements');
    assert.match(analyzed!.messages.at(-1)!.content, /A todo service for many users, from the document\./);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
