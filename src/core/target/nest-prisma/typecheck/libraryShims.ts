import { NEST_SHIMS } from './shims/nest';
import { NODE_GLOBALS, NODE_MODULES } from './shims/node';
import { PACKAGE_SHIMS } from './shims/packages';

/** Folder of the in-memory project holding the declarations; outside `src/`, so never reported on. */
export const SHIMS_DIR = 'strata-types';

/**
 * Declarations of what generated code imports from npm packages and Node, as ambient `.d.ts` files:
 * the generated project has no node_modules when Realize checks it. Project-relative path -> content.
 */
export function libraryShims(): Map<string, string> {
  return new Map([
    [`${SHIMS_DIR}/node-globals.d.ts`, NODE_GLOBALS],
    [`${SHIMS_DIR}/node-modules.d.ts`, NODE_MODULES],
    [`${SHIMS_DIR}/nest.d.ts`, NEST_SHIMS],
    [`${SHIMS_DIR}/packages.d.ts`, PACKAGE_SHIMS],
  ]);
}
