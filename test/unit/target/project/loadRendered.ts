import * as ts from 'typescript';

/**
 * Runs one rendered backend file (TypeScript, ESM) as CommonJS, its imports answered from `stubs`, and
 * returns its exports: the unit tests call the generated code itself without installing Nest. An import
 * without a stub fails the test, so a stub cannot hide a dependency the file gained.
 */
export function loadRendered(source: string, stubs: Record<string, unknown> = {}): Record<string, any> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true },
  });
  const module = { exports: {} as Record<string, any> };
  const require = (specifier: string): unknown => {
    if (!(specifier in stubs)) throw new Error(`the rendered file imports ${specifier}, which the test does not stub`);
    return stubs[specifier];
  };
  new Function('exports', 'require', 'module', outputText)(module.exports, require, module);
  return module.exports;
}

/** `@Injectable()`, `@Module()` and the like, as no-ops. */
export const noDecorator = () => () => undefined;

/** Nest's HTTP exceptions as the tests see them: the status and the response body's message. */
export class StubHttpException extends Error {
  constructor(
    readonly body: unknown,
    readonly status: number,
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}
export class StubBadRequest extends StubHttpException {
  constructor(body: unknown) {
    super(body, 400);
  }
}
export class StubUnauthorized extends StubHttpException {
  constructor(body: unknown) {
    super(body, 401);
  }
}
export class StubForbidden extends StubHttpException {
  constructor(body: unknown) {
    super(body, 403);
  }
}
