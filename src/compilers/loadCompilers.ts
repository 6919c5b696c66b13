import * as path from 'node:path';

/** The type of `dist/compilers.js`; importing only types keeps TypeScript and Prisma out of the main bundle. */
export type Compilers = typeof import('../core/compilers/index');

let loaded: Compilers | undefined;

/**
 * Loads the compilers bundle on first use. It sits next to `extension.js` together with the files its
 * libraries read from disk (Prisma's WASM, TypeScript's `lib*.d.ts`).
 */
export function loadCompilers(): Compilers {
  // A computed path, so esbuild leaves this `require` to run time instead of inlining the bundle.
  loaded ??= require(path.join(__dirname, 'compilers.js')) as Compilers;
  return loaded;
}
