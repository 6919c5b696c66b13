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
      getScriptFileNames: () => [...this.files.keys()],
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

  /** Syntactic and semantic problems of every in-memory file, with project-relative file names. */
  check(): Issue[] {
    const issues: Issue[] = [];
    for (const [fileName, { content }] of this.files) {
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
      file: fileName.slice(this.root.length + 1),
      range: { start: positionAt(content, start), end: positionAt(content, start + (diagnostic.length ?? 0)) },
    };
  }

  private holdsFolder(folder: string): boolean {
    const prefix = `${folder.replace(/\/+$/, '')}/`;
    for (const fileName of this.files.keys()) if (fileName.startsWith(prefix)) return true;
    return false;
  }

  private absolute(relativePath: string): string {
    return `${this.root.replace(/\/+$/, '')}/${relativePath.replace(/^\.?\/+/, '')}`;
  }
}
