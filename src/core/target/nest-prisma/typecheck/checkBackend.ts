import * as ts from 'typescript';
import { TypeScriptProject } from '../../../compilers/typescriptProject';
import type { DatabaseId } from '../../../config/settings';
import type { DatabaseArtifact } from '../../../database/types';
import type { Issue } from '../../../diagnostics/issue';
import { libraryShims } from './libraryShims';
import { renderPrismaClientTypes } from './prismaClientTypes';

/** A folder that exists nowhere on disk, so module resolution never finds a real node_modules. */
const ROOT = '/strata-virtual/backend';

export interface BackendTypeCheckerOptions {
  /** The database setting: string filters have `mode` and createMany `skipDuplicates` only where Prisma has them. */
  provider?: DatabaseId;
}

/**
 * Type-checks a generated backend's `src/**` in memory, against declarations of its Prisma client
 * (from the data model) and of the libraries it imports, with the generated tsconfig's options. One
 * project lives as long as the checker, so checking again after an edit only re-checks what changed.
 */
export class BackendTypeChecker {
  private readonly project = new TypeScriptProject(ROOT, backendCompilerOptions());
  private readonly sources = new Set<string>();

  constructor(database: DatabaseArtifact, options: BackendTypeCheckerOptions = {}) {
    // Generated backends are ESM ("type": "module"): decides how nodenext reads every file.
    this.project.setFile('package.json', '{ "type": "module" }');
    for (const [path, content] of libraryShims()) this.project.setFile(path, content);
    for (const [path, content] of renderPrismaClientTypes(database, options)) this.project.setFile(path, content);
  }

  /**
   * Issues of the backend's `src/**\/*.ts` files (tests and other files are ignored; the Prisma client
   * is the declared one), limited to the files `only` selects; file names are project-relative.
   */
  check(files: ReadonlyMap<string, string>, only?: (path: string) => boolean): Issue[] {
    const sources = new Map([...files].filter(([path]) => isBackendSource(path)));
    for (const path of this.sources) if (!sources.has(path)) this.project.removeFile(path);
    this.sources.clear();
    for (const [path, content] of sources) {
      this.project.setFile(path, content);
      this.sources.add(path);
    }
    return this.project.check((path) => this.sources.has(path) && (only?.(path) ?? true));
  }
}

/** One-off check; keep a `BackendTypeChecker` to re-check incrementally. */
export function checkBackend(
  files: ReadonlyMap<string, string>,
  database: DatabaseArtifact,
  options: BackendTypeCheckerOptions & { only?: (path: string) => boolean } = {},
): Issue[] {
  return new BackendTypeChecker(database, options).check(files, options.only);
}

function isBackendSource(path: string): boolean {
  return path.startsWith('src/') && path.endsWith('.ts') && !path.startsWith('src/generated/');
}

/** The generated tsconfig's options, with Node's types coming from the shims instead of @types/node. */
export function backendCompilerOptions(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    strict: true,
    strictPropertyInitialization: false,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
  };
}
