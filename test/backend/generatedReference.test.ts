import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import { generateBackend } from '../../src/core/pipeline/generate';
import { DiskProjectFiles } from '../../src/core/project/projectFiles';
import { ScriptedModel } from '../fakes/scriptedModel';
import { realizeCodePaths, WeakModel } from '../fakes/weakModel';
import { fixtureApp } from '../fixtures/fixtureApp';
import { expectInstallBuildTest, generateWithCli, treeDigest } from './generatedProject';

/**
 * The reference apps written from strangers' briefs (roles on one account model, staff-made accounts,
 * rules across tables, time rules, queues, archives): each generates from its scripted answers,
 * installs, builds and passes its whole suite; and a weak-model run with a seed drawn afresh each time
 * (STRATA_WEAK_SEED to repeat one) converges to a backend that passes too. Needs the npm registry.
 */
for (const [app, minimumPassing] of [['clinic', 100], ['ticketing', 100]] as const) {
  const fixture = fixtureApp(app);
  if (!existsSync(fixture.requirements)) continue;
  describe(`generated ${app} backend`, function () {
    const dirs: string[] = [];
    let scriptedDigest: string | undefined;
    after(() => {
      if (!process.env.STRATA_KEEP_OUTPUT) for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('`strata generate` with the scripted model: npm install, build and every test pass', async () => {
      const out = mkdtempSync(join(tmpdir(), `strata-${app}-`));
      dirs.push(out);
      const summary = await generateWithCli(fixture.requirements, fixture.scripted, out);
      assert.equal(summary.outcome, 'succeeded');
      assert.deepEqual(summary.diagnostics, []);
      scriptedDigest = treeDigest(out);
      const { pass, seconds } = await expectInstallBuildTest(out, minimumPassing);
      const calls = summary.phases.map((phase) => `${phase.phase} ${phase.calls}/${phase.attempts}/${phase.tokens}`).join(', ');
      console.log(`      generated ${app}: npm install ${seconds.install} s, build ${seconds.build} s, test ${seconds.test} s, ${pass} E2E tests passed; calls/attempts/tokens: ${calls}`);
    });

    it('the weak-model simulator at 30% raw success, with a fresh seed, converges to a backend that passes its tests', async () => {
      const seed = Number(process.env.STRATA_WEAK_SEED ?? Math.floor(Math.random() * 1_000_000));
      const out = mkdtempSync(join(tmpdir(), `strata-${app}-weak-`));
      dirs.push(out);
      const weak = new WeakModel(new ScriptedModel(fixture.scripted), { rawSuccess: 0.3, seed, codePaths: realizeCodePaths });
      const summary = await generateBackend({ requirements: readFileSync(fixture.requirements, 'utf8'), target: new DiskProjectFiles(out), provider: weak, settings: { ...DEFAULT_SETTINGS, model: 'scripted' } });
      assert.equal(summary.outcome, 'succeeded', `seed ${seed}: ${JSON.stringify(summary.issues)}`);
      assert.deepEqual(summary.diagnostics, [], `seed ${seed}`);
      const note = `seed ${seed}: ${weak.stats.corruptedFirstAnswers}/${weak.stats.firstAnswers} first answers damaged, ${summary.totals.attempts} attempts for ${summary.totals.calls} calls`;
      // The same files as the scripted run's, which the test above installed, built and tested.
      if (scriptedDigest !== undefined && treeDigest(out) === scriptedDigest) return void console.log(`      weak model ${note}; the same backend as the scripted run`);
      const { pass } = await expectInstallBuildTest(out, minimumPassing);
      console.log(`      weak model ${note}; ${pass} E2E tests passed`);
    });
  });
}
