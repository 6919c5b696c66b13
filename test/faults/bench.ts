/**
 * `npm run bench:faults`: the fault-injection suite in its long form, with counts printed per scenario.
 * STRATA_FAULT_SEED replays a run; STRATA_FAULT_INTERRUPTS sets how many interrupts (default 100).
 */
import { canMountTmpfs, cleanup, faultSeed } from './harness';
import { type Count, concurrentRuns, everyWritePoint, fullDisk, interrupts, kills, makeTemplates } from './folderScenarios';
import { modelScenarios } from './modelScenarios';

async function main(): Promise<number> {
  const seed = faultSeed();
  const started = Date.now();
  console.log(`bench:faults — seed ${seed} (replay with STRATA_FAULT_SEED=${seed})`);
  const templates = await makeTemplates();
  const counts: Count[] = [];
  const report = (count: Count) => {
    counts.push(count);
    const figures = Object.entries(count.figures).map(([name, value]) => `${name} ${value}`).join(', ');
    console.log(`${count.violations.length === 0 ? 'ok  ' : 'FAIL'} ${count.name}: ${count.ok}/${count.runs} as promised${figures ? `; ${figures}` : ''}`);
    for (const violation of count.violations.slice(0, 10)) console.log(`       ${violation}`);
  };
  try {
    report(await interrupts(templates, Number(process.env.STRATA_FAULT_INTERRUPTS ?? 100), seed));
    report(await kills(templates, 20, seed));
    report(await concurrentRuns(templates, 10));
    report(await everyWritePoint(templates));
    if (canMountTmpfs()) report(await fullDisk(templates, 12));
    else console.log('skip full disk (tmpfs): this machine does not allow mounting one; the injected write failures above stand in');
    for (const count of await modelScenarios(templates.todoState)) report(count);
  } finally {
    cleanup(templates.dir);
  }
  const broken = counts.reduce((sum, count) => sum + count.violations.length, 0);
  console.log(`\n${counts.reduce((sum, count) => sum + count.runs, 0)} fault runs, ${broken} broken promise(s), ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return broken === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
