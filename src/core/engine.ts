/**
 * The heavy half of core, bundled apart as `dist/engine.js` and loaded by the extension on first use,
 * not at activation: the in-process compilers (TypeScript, Prisma's WASM) and the pipeline and phases
 * that run them. The extension imports only types from here; everything else goes through `loadEngine`.
 */
export { checkPrismaSchema, type SchemaFile } from './compilers/prismaSchema';
export { TypeScriptProject } from './compilers/typescriptProject';
export { AnalyzePhase } from './analyze/agent';
export { DatabasePhase } from './database/agent';
export { TestPhase } from './scenarios/agent';
export { InterfacePhase } from './interface/agent';
export { runPipeline } from './pipeline/pipeline';
export { backendPhases } from './backend/backendPhases';
export { generateBackend } from './backend/generate';
export { BackgroundFormatter } from './project/formatting';
export { BackendTypeChecker } from './target/nest-prisma/typecheck/checkBackend';
export { runFeatureStep } from './incremental/featureStep';
export { undoLastFeature } from './incremental/undo';
