import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../src/core/doctor/connectionReport';
import { FakeOllamaServer } from '../fakes/fakeOllamaServer';
import { scriptedAnswer } from '../fixtures/todo/fixtures';
import { fixtureApp } from '../fixtures/fixtureApp';
import { fixtureResponder } from '../fakes/fixtureResponder';
import { activateStrata, EXTENSION_ID, readWorkspaceFile, screenshot, snapshot, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
  contributes: { commands: { command: string }[] };
};

describe('Strata in a real VS Code', () => {
  it('activates and reports its activation time', async () => {
    const api = await activateStrata();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api.activationMs > 0 && api.activationMs < 5000, `activationMs = ${api.activationMs}`);
  });

  it('registers every contributed command', async () => {
    await activateStrata();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((entry) => entry.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
    assert.equal(manifest.contributes.commands.length, 17);
  });

  describe('commands', () => {
    const ollama = new FakeOllamaServer([
      { name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'] },
      { name: 'llama3.2:1b', capabilities: ['completion', 'tools'] },
    ]);
    const config = () => vscode.workspace.getConfiguration('strata');

    /** When set, the Realize answer has this body for getTodo (e.g. a type error a model never fixes). */
    let getTodoBody: string | undefined;
    /** When set, the Test phase's call waits for it (a run held in the middle). */
    let scenariosGate: Promise<void> | undefined;
    /** When set, the Test phase's call answers this HTTP error (an outage). */
    let scenariosError: { status: number; message: string } | undefined;

    before(async () => {
      await ollama.start();
      // Answers like a capable model: the doctor's round trip, and the todo app's five phases.
      ollama.responder = async (request) => {
        const tool = request.tools![0]!.function.name;
        if (tool === 'define_scenarios' && scenariosError) return { error: scenariosError };
        if (tool === 'define_scenarios' && scenariosGate) await scenariosGate;
        const answers: Record<string, () => Record<string, unknown>> = {
          define_requirements: () => scriptedAnswer('analyze', 'requirements.json'),
          define_data_model: () => scriptedAnswer('database', 'data_model.json'),
          plan_api: () => scriptedAnswer('interface', 'api_plan.json'),
          define_module: () => {
            // A large module is asked in parts ("…, part 2 of 3").
            const [, module, part] = /"([a-z0-9-]+)" module(?:, part (\d+) of)?/.exec(request.tools![0]!.function.description ?? '') ?? [];
            return scriptedAnswer('interface', `module_${module}${part ? `_part_${part}` : ''}.json`);
          },
          define_scenarios: () => scriptedAnswer('test', `scenarios_${/the operation "([A-Za-z0-9]+)"/.exec(request.tools![0]!.function.description ?? '')?.[1]}.json`),
          implement_module: () => {
            const answer = scriptedAnswer<{ operations: { id: string; body: string }[] }>('realize', 'module_todos.json');
            if (getTodoBody) answer.operations.find((operation) => operation.id === 'getTodo')!.body = getTodoBody;
            return answer as unknown as Record<string, unknown>;
          },
        };
        return { toolCalls: [{ name: tool, arguments: answers[tool]?.() ?? { sum: 5 } }] };
      };
      await config().update('ollama.host', ollama.url, vscode.ConfigurationTarget.Global);
    });

    after(async () => {
      await config().update('ollama.host', undefined, vscode.ConfigurationTarget.Global);
      await config().update('model', undefined, vscode.ConfigurationTarget.Global);
      await ollama.stop();
    });

    it('Set API Key stores the key in secret storage and removes it when empty', async () => {
      assert.deepEqual(await vscode.commands.executeCommand('strata.setApiKey', { key: 'sk-integration' }), { stored: true });
      assert.deepEqual(await vscode.commands.executeCommand('strata.setApiKey', { key: '' }), { stored: false });
      assert.equal(config().get('openaiCompatible.apiKey'), undefined, 'a key must never land in settings');
    });

    it('Select Model writes the model setting', async () => {
      assert.deepEqual(await vscode.commands.executeCommand('strata.selectModel', { model: 'llama3.2:1b' }), { model: 'llama3.2:1b' });
      assert.equal(config().get('model'), 'llama3.2:1b');
    });

    it('Diagnose Model Connection checks the configured server', async () => {
      await config().update('model', 'qwen2.5-coder:7b', vscode.ConfigurationTarget.Global);
      const ready = await vscode.commands.executeCommand<ConnectionReport>('strata.diagnoseModel');
      assert.equal(ready.ok, true, JSON.stringify(ready));
      assert.ok(ollama.requests.some((request) => request.path === '/api/tags'));

      await config().update('model', 'not-installed:1b', vscode.ConfigurationTarget.Global);
      const missing = await vscode.commands.executeCommand<ConnectionReport>('strata.diagnoseModel');
      assert.equal(missing.ok, false);
      assert.match(missing.checks.find((check) => !check.ok)!.detail, /not-installed:1b/);
    });

    it('New Backend saves the requirements and runs the five phases into the workspace', async () => {
      await config().update('model', 'qwen2.5-coder:7b', vscode.ConfigurationTarget.Global);
      const result = await vscode.commands.executeCommand<{ requirementsFile: string; outcome: string; written: string[]; diagnostics: unknown[] }>('strata.newBackend', {
        requirements: 'A todo service for many users.',
        replace: true,
      });
      assert.equal(result.requirementsFile, '.strata/requirements.md');
      assert.equal(result.outcome, 'succeeded');
      assert.deepEqual(result.diagnostics, []);
      for (const file of [
        '.strata/analyze.json',
        '.strata/database.json',
        '.strata/interface.json',
        '.strata/test.json',
        '.strata/realize.json',
        'docs/requirements/02-todos.md',
        'prisma/schema/todos.prisma',
        'openapi.json',
        'package.json',
        'README.md',
        'src/main.ts',
        'src/auth/guards.ts',
        'src/todos/todos.controller.ts',
        'src/todos/todos.service.ts',
        'src/todos/todos.transformers.ts',
        'test/todos.e2e.test.ts',
      ]) {
        assert.ok(result.written.includes(file), `${file} was not written: ${result.written.join(', ')}`);
      }
      assert.equal(await readWorkspaceFile('.strata/requirements.md'), 'A todo service for many users.\n');
      assert.match((await readWorkspaceFile('src/todos/todos.service.ts'))!, /async listTodos\(member: MemberSession, query: TodoListQuery\): Promise<TodoPage>/);
      const api = await activateStrata();
      await vscode.commands.executeCommand('workbench.view.extension.strata');
      // One call for Analyze, Database and Realize, three for Interface (the plan and the todos module in two
      // parts), one per operation (five) in the Test phase.
      await waitFor('the sidebar to show the run figures', async () => {
        const page = await api.sidebar.ping();
        return (
          page.match(/(?<!\d)1 call\(s\), 1 attempt\(s\), [\d,.]+ tokens/g)?.length === 3 &&
          /(?<!\d)3 call\(s\), 3 attempt\(s\), [\d,.]+ tokens/.test(page) &&
          /(?<!\d)5 call\(s\), 5 attempt\(s\), [\d,.]+ tokens/.test(page)
        );
      });
      // Who may call each route, as the guards enforce it.
      await waitFor('the sidebar to list who may call each route', async () => /API: 5 route\(s\)[^]*DELETE \/todos\/\{id\}\s*member \(own records\)/.test(await api.sidebar.ping()));
      const analyzed = ollama.chatRequests.find((request) => request.tools?.[0]?.function.name === 'define_requirements');
      assert.match(analyzed!.messages.at(-1)!.content, /A todo service for many users\./);
      const designed = ollama.chatRequests.find((request) => request.tools?.[0]?.function.name === 'define_data_model');
      assert.match(designed!.messages.at(-1)!.content, /Deleting a todo is a soft delete\./);
    });

    it('New Backend writes code the model could not fix and shows its compiler errors in the Problems panel', async () => {
      getTodoBody = "const row = await this.prisma.todo.findFirst({ where: ownTodo(member, id), select: todoSelect });\nif (!row) throw new NotFoundException('missing');\nreturn { ...toTodo(row), title: row.titel };";
      try {
        const result = await vscode.commands.executeCommand<{ outcome: string; diagnostics: { file?: string }[] }>('strata.newBackend', {
          requirements: 'A todo service for many users.',
          replace: true,
        });
        assert.equal(result.outcome, 'succeeded');
        assert.ok(result.diagnostics.length > 0);
        const service = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src/todos/todos.service.ts');
        const problems = await waitFor('diagnostics on the service', () => {
          const found = vscode.languages.getDiagnostics(service).filter((diagnostic) => diagnostic.source === 'strata:typescript');
          return found.length > 0 ? found : undefined;
        });
        assert.match(problems[0]!.message, /titel/);
        assert.equal(problems[0]!.severity, vscode.DiagnosticSeverity.Error);
        const text = (await readWorkspaceFile('src/todos/todos.service.ts'))!;
        assert.equal(text.split('\n')[problems[0]!.range.start.line]!.includes('row.titel'), true, 'the diagnostic points at the broken line');
      } finally {
        getTodoBody = undefined;
      }
      // A clean run clears what the broken one left.
      const clean = await vscode.commands.executeCommand<{ outcome: string }>('strata.newBackend', { requirements: 'A todo service for many users.', replace: true });
      assert.equal(clean.outcome, 'succeeded');
      const service = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src/todos/todos.service.ts');
      assert.deepEqual(vscode.languages.getDiagnostics(service).filter((diagnostic) => diagnostic.source === 'strata:typescript'), []);
    });

    it('New Backend merges a hand edit with its own change when they touch different lines, and never overwrites one on the same lines unless told to', async () => {
      const edited = `${(await readWorkspaceFile('src/todos/todos.service.ts'))!}// my own note\n`;
      await writeWorkspaceFile('src/todos/todos.service.ts', edited);
      getTodoBody = "const row = await this.prisma.todo.findFirst({ where: ownTodo(member, id), select: todoSelect });\nif (!row) throw new NotFoundException(`Todo ${id} is missing`);\nreturn toTodo(row);";
      try {
        const merged = await vscode.commands.executeCommand<{ outcome: string; issues: unknown[] }>('strata.newBackend', { requirements: 'A todo service for many users.', replace: true, overwrite: false });
        assert.equal(merged.outcome, 'succeeded', JSON.stringify(merged.issues));
        const both = (await readWorkspaceFile('src/todos/todos.service.ts'))!;
        assert.match(both, /is missing/);
        assert.match(both, /\/\/ my own note\n$/);
        // An edit of the very line the next run changes is a conflict: refused, then taken when allowed.
        const clashing = both.replace('is missing', 'is not there');
        await writeWorkspaceFile('src/todos/todos.service.ts', clashing);
        getTodoBody = getTodoBody.replace('is missing', 'was never made');
        const refused = await vscode.commands.executeCommand<{ outcome: string }>('strata.newBackend', { requirements: 'A todo service for many users.', replace: true, overwrite: false });
        assert.equal(refused.outcome, 'failed');
        assert.equal(await readWorkspaceFile('src/todos/todos.service.ts'), clashing);
        const allowed = await vscode.commands.executeCommand<{ outcome: string }>('strata.newBackend', { requirements: 'A todo service for many users.', replace: true, overwrite: true });
        assert.equal(allowed.outcome, 'succeeded');
        assert.match((await readWorkspaceFile('src/todos/todos.service.ts'))!, /was never made/);
      } finally {
        getTodoBody = undefined;
      }
    });

    it('New Backend refuses a second run while one runs, and Cancel Generation leaves the workspace exactly as it was', async () => {
      const before = snapshot(workspaceRoot().fsPath);
      let release!: () => void;
      scenariosGate = new Promise((resolve) => (release = resolve));
      try {
        const asked = ollama.chatRequests.length;
        const first = vscode.commands.executeCommand<{ outcome: string }>('strata.newBackend', { requirements: 'A todo service for many users, version two.', replace: true });
        await waitFor('the run to reach the Test phase', () => ollama.chatRequests.slice(asked).some((request) => request.tools?.[0]?.function.name === 'define_scenarios'));
        // Refused in the window before it asks anything (the folder's lock refuses runs of other processes).
        const second = await vscode.commands.executeCommand('strata.newBackend', { requirements: 'A todo service for many users.', replace: true });
        assert.equal(second, undefined);
        assert.equal(ollama.chatRequests.slice(asked).filter((request) => request.tools?.[0]?.function.name === 'define_requirements').length, 1);
        assert.deepEqual(await vscode.commands.executeCommand('strata.cancelGeneration'), { cancelled: true });
        assert.equal((await first).outcome, 'cancelled');
      } finally {
        release();
        scenariosGate = undefined;
      }
      assert.deepEqual(snapshot(workspaceRoot().fsPath), before);
      assert.deepEqual(await vscode.commands.executeCommand('strata.cancelGeneration'), { cancelled: false });
    });

    it('a run that fails in an outage keeps its work, and Resume Generation asks only for the rest', async () => {
      await config().update('network.retries', 0, vscode.ConfigurationTarget.Global);
      const before = snapshot(workspaceRoot().fsPath);
      scenariosError = { status: 503, message: 'server busy, please try again.  maximum pending requests exceeded' };
      try {
        const failed = await vscode.commands.executeCommand<{ outcome: string; checkpoint?: string }>('strata.newBackend', { requirements: 'A todo service for many users, version three.', replace: true });
        assert.equal(failed.outcome, 'failed');
        assert.equal(failed.checkpoint, '.strata/resume');
      } finally {
        scenariosError = undefined;
        await config().update('network.retries', undefined, vscode.ConfigurationTarget.Global);
      }
      const kept = snapshot(workspaceRoot().fsPath);
      assert.deepEqual(Object.fromEntries(Object.entries(kept).filter(([path]) => !path.startsWith('.strata/resume'))), before, 'only the checkpoint was added');
      const asked = ollama.chatRequests.length;
      const resumed = await vscode.commands.executeCommand<{ outcome: string; reused: number }>('strata.resumeBackend');
      assert.equal(resumed.outcome, 'succeeded');
      // Analyze, Database, and the Interface plan and its two module calls.
      assert.equal(resumed.reused, 5);
      // One Test call per operation of the todo API, then the one Realize call.
      assert.deepEqual(ollama.chatRequests.slice(asked).map((request) => request.tools?.[0]?.function.name), [...Array<string>(5).fill('define_scenarios'), 'implement_module']);
      assert.equal(await readWorkspaceFile('.strata/resume/checkpoint.json'), undefined);
      assert.equal(await readWorkspaceFile('.strata/requirements.md'), 'A todo service for many users, version three.\n');
    });

    it('Add Feature grows the backend by tags, asking only what the change reaches and adding a migration; Undo Last Feature takes the step back', async () => {
      const tags = fixtureApp('todo-tags');
      const stepDir = join(tags.dir, 'step');
      const before = snapshot(workspaceRoot().fsPath);
      const saved = ollama.responder;
      ollama.responder = fixtureResponder(`${stepDir},${tags.scripted}`);
      const asked = ollama.chatRequests.length;
      try {
        const result = await vscode.commands.executeCommand<{ outcome: string; step: string; migrations: string[] }>('strata.addFeature', { description: readFileSync(join(stepDir, 'feature.md'), 'utf8') });
        assert.equal(result.outcome, 'succeeded');
        assert.equal(result.migrations.length, 1);
        assert.match((await readWorkspaceFile(result.migrations[0]!))!, /CREATE TABLE "Tag"/);
        assert.ok(await readWorkspaceFile('src/tags/tags.service.ts'));
        // The todo module's unreached calls (part 2, four of its five operations' scenarios) kept their answers.
        const tools = ollama.chatRequests.slice(asked).map((request) => request.tools?.[0]?.function.name);
        assert.deepEqual(tools.filter((tool) => tool !== 'define_scenarios'), ['change_requirements', 'change_data_model', 'plan_api', 'define_module', 'define_module', 'define_module', 'implement_module', 'implement_module']);
        assert.equal(tools.filter((tool) => tool === 'define_scenarios').length, 6);
        await screenshot('add-feature-step');

        const undone = await vscode.commands.executeCommand<{ outcome: string; step: string }>('strata.undoLastFeature', { confirm: true });
        assert.equal(undone.outcome, 'undone');
        assert.equal(undone.step, result.step);
        const after = snapshot(workspaceRoot().fsPath);
        const restored = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('.strata/checkpoints/')));
        assert.deepEqual(restored(after), restored(before), 'every file is back as before the step');
      } finally {
        ollama.responder = saved;
      }
    });
  });

  describe('sidebar', () => {
    it('resolves its webview and answers a message round trip with what it renders', async () => {
      const api = await activateStrata();
      await vscode.commands.executeCommand('workbench.view.extension.strata');
      await api.sidebar.whenReady();
      const rendered = await api.sidebar.ping();
      const model = vscode.workspace.getConfiguration('strata').get<string>('model')!;
      assert.ok(rendered.includes(model), `sidebar shows: ${rendered}`);
      assert.match(rendered, /New Backend/);
      assert.match(rendered, /Database/);
    });

    it('shows a changed setting after a refresh round trip', async () => {
      const api = await activateStrata();
      await vscode.workspace.getConfiguration('strata').update('model', 'phi4-mini:3.8b', vscode.ConfigurationTarget.Global);
      try {
        await waitFor('the sidebar to show the new model', async () => (await api.sidebar.ping()).includes('phi4-mini:3.8b'));
      } finally {
        await vscode.workspace.getConfiguration('strata').update('model', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('diagnostics', () => {
    it('publishes Prisma compiler errors for a schema in the workspace and clears them when fixed', async () => {
      const api = await activateStrata();
      await writeWorkspaceFile('prisma/schema/schema.prisma', 'datasource db {\n  provider = "sqlite"\n}\n');
      const todo = await writeWorkspaceFile('prisma/schema/todo.prisma', 'model Todo {\n  id    Int    @id\n  title Strin\n}\n');
      const document = await vscode.workspace.openTextDocument(todo);
      await vscode.window.showTextDocument(document);

      const diagnostics = await waitFor('Prisma diagnostics on todo.prisma', () => {
        const found = vscode.languages.getDiagnostics(todo).filter((d) => d.source === 'strata:prisma');
        return found.length > 0 ? found : undefined;
      });
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostics[0]!.range.start.line, 2);
      assert.match(diagnostics[0]!.message, /Strin/);

      // Fix it the way a user would: edit the open document. The watcher re-checks unsaved text.
      const fix = new vscode.WorkspaceEdit();
      fix.replace(todo, diagnostics[0]!.range, 'String');
      assert.ok(await vscode.workspace.applyEdit(fix));
      await waitFor('the diagnostics to clear', () => vscode.languages.getDiagnostics(todo).every((d) => d.source !== 'strata:prisma'));
      await document.save();
      await api.checkPrismaSchema(todo.toString());
      assert.deepEqual(vscode.languages.getDiagnostics(todo).filter((d) => d.source === 'strata:prisma'), []);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });
});
