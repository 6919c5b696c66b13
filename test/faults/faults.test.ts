import * as assert from 'node:assert/strict';
import { canMountTmpfs, cleanup, faultSeed } from './harness';
import { limits, resumeAfterOutage, transientFaults } from './modelScenarios';
import { type Count, concurrentRuns, everyWritePoint, fullDisk, interrupts, kills, makeTemplates, type Templates } from './folderScenarios';

/**
 * The fault-injection suite in its short form (`npm run bench:faults` runs the long one): the real
 * `strata generate`, interrupted, killed, run twice at once, on a full disk, and failed at every
 * file-system call of its write set. Every count of broken promises must be zero.
 */
describe('faults: a failed, cancelled or concurrent run leaves the folder as it was', function () {
  this.timeout(600_000);
  const seed = faultSeed();
  let templates: Templates;

  before(async () => {
    templates = await makeTemplates();
  });
  after(() => cleanup(templates.dir));

  const holds = (count: Count) => {
    console.log(`      ${count.name}: ${count.ok}/${count.runs} as promised; ${Object.entries(count.figures).map(([name, value]) => `${name} ${value}`).join(', ')}`);
    assert.deepEqual(count.violations, [], `seed ${seed}`);
    assert.equal(count.ok, count.runs);
  };

  it(`Ctrl-C at random moments (seed ${seed}): cancelled runs change nothing, finished ones are complete`, async () => {
    const count = await interrupts(templates, Number(process.env.STRATA_FAULT_INTERRUPTS ?? 16), seed);
    holds(count);
    assert.ok((count.figures.cancelled as number) >= 4, 'too few interrupts took effect to mean anything');
  });

  it('a run killed while writing is undone or found complete by the next run', async () => {
    holds(await kills(templates, 6, seed));
  });

  it('two runs into one folder: one writes, the other refuses and names it; a dead run\'s lock is taken over', async () => {
    holds(await concurrentRuns(templates, 3));
  });

  it('every file-system call of the real write set, failed in turn, leaves the folder as it was or complete', async () => {
    const count = await everyWritePoint(templates);
    holds(count);
    assert.ok(count.runs >= 100, `only ${count.runs} points`);
  });

  it('a real full disk (tmpfs) fails the run with a clear message and leaves every file as it was', async function () {
    if (!canMountTmpfs()) this.skip();
    const count = await fullDisk(templates, 6);
    holds(count);
    assert.ok((count.figures['failed, folder unchanged'] as number) >= 3, 'the disk never filled up');
    assert.ok((count.figures.completed as number) >= 1, 'the largest disk should have been enough');
  });

  it('every time limit fires within 2 s of its setting, under forced garbage collections, and says which it was', async () => {
    holds(await limits());
  });

  it('a run through one 503, one reset and one 429 with Retry-After finishes with the same backend', async () => {
    holds(await transientFaults(templates.todoState));
  });

  it('a run that fails in an outage keeps its work, and --resume asks only for the rest', async () => {
    holds(await resumeAfterOutage(templates.todoState));
  });
});
