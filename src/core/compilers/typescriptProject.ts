import * as ts from 'typescript';
import { type Issue, positionAt } from '../diagnostics/issue';

/**
 * A TypeScript project held in memory and checked in-process through a LanguageService, so generated
 * code can be type-checked before anything is written to disk. Re-checks after an edit are incremental.
 * Library files (`lib.*.d.ts`) and anything not in memory are read from disk.
 */
export class TypeScriptProject {
  private readonly files = new Map<string, { content: string; version: number }>();
  private readonly service: ts.LanguageService;

  constructor(
    readonly root: string,
    private readonly options: ts.CompilerOptions = TypeScriptProject.defaultOptions(),
  ) {
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => this.options,
      getScriptFileNames: () => [...this.files.keys()].filter(isScript),
      getScriptVersion: (fileName) => String(this.files.get(fileName)?.version ?? 0),
      getScriptSnapshot: (fileName) => {
        const content = this.files.get(fileName)?.content ?? ts.sys.readFile(fileName);
        return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
      },
      getCurrentDirectory: () => this.root,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: (fileName) => this.files.has(fileName) || ts.sys.fileExists(fileName),
      readFile: (fileName) => this.files.get(fileName)?.content ?? ts.sys.readFile(fileName),
      readDirectory: ts.sys.readDirectory,
      // Module resolution walks folders: in-memory files make their folders exist.
      directoryExists: (folder) => this.holdsFolder(folder) || ts.sys.directoryExists(folder),
      getDirectories: ts.sys.getDirectories,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  static defaultOptions(): ts.CompilerOptions {
    return {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    };
  }

  /** Adds or replaces a file; `relativePath` is relative to the project root. */
  setFile(relativePath: string, content: string): void {
    const fileName = this.absolute(relativePath);
    const previous = this.files.get(fileName);
    if (previous?.content === content) return;
    this.files.set(fileName, { content, version: (previous?.version ?? 0) + 1 });
  }

  /** Removes a file; later checks behave as if it never existed. */
  removeFile(relativePath: string): void {
    this.files.delete(this.absolute(relativePath));
  }

  /**
   * Syntactic and semantic problems of the in-memory source files (all, or those `only` selects by
   * project-relative path), with project-relative file names. Non-source files such as `package.json`
   * are read by the compiler (module format, resolution) but never checked.
   */
  check(only?: (relativePath: string) => boolean): Issue[] {
    const issues: Issue[] = [];
    for (const [fileName, { content }] of this.files) {
      if (!isScript(fileName) || (only && !only(this.relative(fileName)))) continue;
      const diagnostics = [
        ...this.service.getSyntacticDiagnostics(fileName),
        ...this.service.getSemanticDiagnostics(fileName),
      ];
      for (const diagnostic of diagnostics) issues.push(this.toIssue(diagnostic, fileName, content));
    }
    return issues;
  }

  private toIssue(diagnostic: ts.Diagnostic, fileName: string, content: string): Issue {
    const start = diagnostic.start ?? 0;
    return {
      severity: diagnostic.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
      source: 'typescript',
      code: `TS${diagnostic.code}`,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      file: this.relative(fileName),
      range: { start: positionAt(content, start), end: positionAt(content, start + (diagnostic.length ?? 0)) },
    };
  }

  private holdsFolder(folder: string): boolean {
    const prefix = `${folder.replace(/\/+$/, '')}/`;
    for (const fileName of this.files.keys()) if (fileName.startsWith(prefix)) return true;
    return false;
  }

  private relative(fileName: string): string {
    return fileName.slice(this.root.replace(/\/+$/, '').length + 1);
  }

  private absolute(relativePath: string): string {
    return `${this.root.replace(/\/+$/, '')}/${relativePath.replace(/^\.?\/+/, '')}`;
  }
}

/** Files the compiler takes as sources (TypeScript and declarations), as opposed to data it reads. */
function isScript(fileName: string): boolean {
  return /\.(ts|tsx|mts|cts)$/.test(fileName);
}
