import * as path from 'node:path';

/** The type of `dist/engine.js`; importing only types keeps TypeScript and Prisma out of `extension.js`. */
export type Engine = typeof import('../core/engine');

let loaded: Engine | undefined;

/**
 * Loads the engine bundle on first use. It sits next to `extension.js` together with the files its
 * libraries read from disk (Prisma's WASM, TypeScript's `lib*.d.ts`).
 */
export function loadEngine(): Engine {
  // A computed path, so esbuild leaves this `require` to run time instead of inlining the bundle.
  loaded ??= require(path.join(__dirname, 'engine.js')) as Engine;
  return loaded;
}
