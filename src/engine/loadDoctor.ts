import * as path from 'node:path';

/** The type of `dist/doctor.js`, Diagnose's connection checks (doctor.ts says why they are apart). */
export type Doctor = typeof import('./doctor');

let loaded: Doctor | undefined;

/** Loads the connection checks on first use, from beside `extension.js` as `loadEngine` does the engine. */
export function loadDoctor(): Doctor {
  // A computed path, so esbuild leaves this `require` to run time instead of inlining the bundle.
  loaded ??= require(path.join(__dirname, 'doctor.js')) as Doctor;
  return loaded;
}
