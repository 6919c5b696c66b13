/**
 * The connection checks Diagnose runs (the same as `strata doctor`), bundled apart as `dist/doctor.js` and loaded on
 * first use. Their typed round trip needs Ajv and the JSON recovery, which would more than double `extension.js`;
 * the engine (TypeScript, Prisma) would hold them too, but takes about a second to load before a check could start.
 */
export { diagnoseConnection, formatReport } from '../core/doctor/connectionReport';
