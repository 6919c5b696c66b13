import { template } from '../printer/templates';
/** How the check's failure starts; the differences follow, one per line after "- ". */
export const OPENAPI_DRIFT = 'check-openapi: openapi.json does not describe the code';

/**
 * Run by `npm run build` after tsc: `openapi.json` is rendered from the API design and the controllers
 * from the same design, but a hand edit of either (a new route, a changed status, a body property) would
 * make the document lie. The script reads the routes, statuses and request DTOs from the compiled code's
 * own metadata (Nest's route decorators, class-validator's property rules) and fails the build, naming
 * every difference, when the document does not describe them.
 */
export const OPENAPI_CHECK_SOURCE = template('scripts/check-openapi.mjs');
