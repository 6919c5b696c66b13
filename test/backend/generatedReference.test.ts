import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fixtureApp } from '../fixtures/fixtureApp';
import { expectInstallBuildTest, generateWithCli, treeDigest } from './generatedProject';
import { spread, WEAK_SEEDS, type WeakRun, weakRun, weakSeeds } from './weakSeeds';

/**
 * The reference apps written from strangers' briefs (roles on one account model, staff-made accounts,
 * rules across tables, time rules, queues, archives): each generates from its scripted answers,
 * installs, builds and passes its whole suite; and the realistic weak-model simulator runs on several seeds
 * drawn afresh each time (printed; STRATA_WEAK_SEEDS=a,b,c repeats them), reporting the spread of attempts
 * and which converged, one converged backend built and tested. Needs the npm registry.
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

    it(`the realistic weak-model simulator on ${WEAK_SEEDS} fresh seeds: most converge, and one converged backend passes its tests`, async () => {
      const seeds = weakSeeds();
      // Printed first, so a failure can be replayed whatever happens next.
      console.log(`      ${app} weak-model seeds: ${seeds.join(', ')} (replay: STRATA_WEAK_SEEDS=${seeds.join(',')})`);
      const runs: WeakRun[] = [];
      for (const seed of seeds) runs.push(await weakRun(fixture, seed));
      for (const line of spread(app, runs)) console.log(`      ${line}`);
      const converged = runs.filter((run) => run.converged);
      // The simulator's cut-offs, prose and partial repairs can spend a call's whole budget: a seed may not converge, most must.
      assert.ok(converged.length * 2 > runs.length, spread(app, runs).join('\n'));
      // Only one seed's backend is installed and built: the first that converged (and the scripted run's when its files are those).
      const chosen = converged[0]!;
      const out = mkdtempSync(join(tmpdir(), `strata-${app}-weak-`));
      dirs.push(out);
      for (const [file, content] of chosen.files) {
        mkdirSync(dirname(join(out, file)), { recursive: true });
        writeFileSync(join(out, file), content);
      }
      if (scriptedDigest !== undefined && treeDigest(out) === scriptedDigest) return void console.log(`      weak model seed ${chosen.seed}: the same backend as the scripted run`);
      const { pass } = await expectInstallBuildTest(out, minimumPassing);
      console.log(`      weak model seed ${chosen.seed}: ${pass} E2E tests passed`);
    });
  });
}
