// Preloaded (`node --expose-gc -r …/gcPressure.js`) into the command line under test: a forced
// garbage collection every 50 ms, so a time limit whose timer is only weakly held would be lost.
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('gcPressure needs node --expose-gc');
setInterval(collect, 50).unref();
