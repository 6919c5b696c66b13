import 'reflect-metadata';
import { checkEnvironment } from './config/environment.js';

// The configuration is checked before any module loads: a bad one stops the start with every problem.
const checked = checkEnvironment(process.env);
if ('problems' in checked) {
  console.error(`The server cannot start; fix its environment:\n${checked.problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}
const { createApp } = await import('./app.js');
const app = await createApp();
await app.listen(checked.environment.PORT, checked.environment.HOST);
console.log(`listening on ${await app.getUrl()}`);
