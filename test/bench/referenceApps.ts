import { existsSync } from 'node:fs';
import { fixtureApp } from '../fixtures/fixtureApp';

/** The reference apps under test/fixtures that the benchmarks run, in the order they were written. */
export const REFERENCE_APPS: readonly string[] = ['todo', 'blog', 'clinic', 'ticketing'].filter((app) => existsSync(fixtureApp(app).requirements));
