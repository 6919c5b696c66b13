/**
 * The compilers Strata runs in-process. They are heavy (TypeScript, Prisma's WASM), so the extension
 * bundles them apart (`dist/compilers.js`) and loads them on first use, not at activation.
 */
export { checkPrismaSchema, type SchemaFile } from './prismaSchema';
export { TypeScriptProject } from './typescriptProject';
