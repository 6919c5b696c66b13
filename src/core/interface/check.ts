import type { ActorKind, AnalyzeArtifact } from '../analyze/types';
import type { Issue } from '../diagnostics/issue';
import type { DbEnum, DbField, DbModel } from '../database/types';
import { SCALAR_TYPES } from '../database/types';
import { nearMiss } from '../diagnostics/nearMiss';
import { camelCase } from './names';
import type { AuthSpec, DtoSchema, InterfaceArtifact } from './types';

/** What every Interface rule reads: the artifact, the data model (with back-relations) and where to report. */
export interface InterfaceCheck {
  artifact: InterfaceArtifact;
  analysis?: AnalyzeArtifact;
  models: Map<string, DbModel>;
  enums: Map<string, DbEnum>;
  /** The first DTO of each name (duplicates are reported once, by the name rules). */
  dtos: Map<string, DtoSchema>;
  /** The first authentication entry of each actor. */
  auth: Map<string, AuthSpec>;
  /** `needs`: the earlier phase whose artifact must change for this to be fixed (see `Issue.needs`). */
  error(path: string, message: string, needs?: 'analyze' | 'database'): void;
  warning(path: string, message: string): void;
  /**
   * An error for a name an earlier artifact lacks (see `missing`): `message` gets the hint of a near miss,
   * and the issue `needs` that phase only when it is no slip.
   */
  lacks(path: string, message: string, name: string, candidates: Iterable<string>, phase: 'analyze' | 'database'): void;
  /** Whether an error is already reported at `path` or inside it: a later rule then keeps quiet about it. */
  reported(path: string): boolean;
}

/**
 * For a name an earlier artifact lacks: `needs` that phase, unless the name looks like a slip for one it
 * has, which the hint then names (the model fixes a slip itself; the earlier phase is asked only for what
 * is really missing).
 */
export function missing<P extends 'analyze' | 'database'>(name: string, candidates: Iterable<string>, phase: P): { hint: string; needs?: P } {
  const guess = nearMiss(name, candidates);
  return guess ? { hint: `; did you mean "${guess}"?` } : { hint: '', needs: phase };
}

export function makeCheck(
  artifact: InterfaceArtifact,
  analysis: AnalyzeArtifact | undefined,
  models: DbModel[],
  enums: DbEnum[],
  issues: Issue[],
): InterfaceCheck {
  const dtos = new Map<string, DtoSchema>();
  for (const dto of artifact.dtos) if (!dtos.has(dto.name)) dtos.set(dto.name, dto);
  const auth = new Map<string, AuthSpec>();
  for (const spec of artifact.authentication) if (!auth.has(spec.actor)) auth.set(spec.actor, spec);
  const error: InterfaceCheck['error'] = (path, message, needs) => void issues.push({ severity: 'error', source: 'interface', path, message, ...(needs ? { needs } : {}) });
  return {
    artifact,
    analysis,
    models: new Map(models.map((model) => [model.name, model])),
    enums: new Map(enums.map((dbEnum) => [dbEnum.name, dbEnum])),
    dtos,
    auth,
    error,
    warning: (path, message) => issues.push({ severity: 'warning', source: 'interface', path, message }),
    lacks: (path, message, name, candidates, phase) => {
      const { hint, needs } = missing(name, candidates, phase);
      error(path, `${message}${hint}`, needs);
    },
    reported: (path) => issues.some((issue) => issue.severity === 'error' && issue.path !== undefined && (issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`))),
  };
}

/**
 * The actor's kind: from the analysis when there is one; otherwise an actor named `guest` is a guest
 * and any other actor must log in.
 */
export function actorKind(check: InterfaceCheck, actor: string): ActorKind | undefined {
  if (check.analysis) return check.analysis.actors.find((candidate) => candidate.name === actor)?.kind;
  return actor === 'guest' ? 'guest' : 'member';
}

export function fieldOf(model: DbModel | undefined, name: string | undefined): DbField | undefined {
  return name === undefined ? undefined : model?.fields.find((field) => field.name === name);
}

export const isScalarType = (type: string): boolean => (SCALAR_TYPES as readonly string[]).includes(type);

/**
 * Words JavaScript and TypeScript reserve (strict mode included, as in classes and ES modules), plus
 * `constructor`: generated code cannot use any of them as a parameter, field or method name.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package',
  'private', 'protected', 'public', 'await', 'arguments', 'eval', 'constructor',
]);

/** Parameter names every generated service method may already have besides the session and path parameters. */
export const TAKEN_PARAMETERS: ReadonlyMap<string, string> = new Map([
  ['query', 'the parameter holding the query DTO'],
  ['body', 'the parameter holding the request body'],
  ['prisma', "the service's database client (this.prisma)"],
]);

/** `camelCase(name)`, the identifier generated code gives a module's service field or an actor's session; safe for names without letters. */
export const identifierOf = (name: string): string => (/[A-Za-z0-9]/.test(name) ? camelCase(name) : name);

/** The actor whose session an operation receives (as a parameter named `camelCase(actor)`), or undefined for guests. */
export function sessionActorOf(check: InterfaceCheck, actor: string): string | undefined {
  return check.auth.has(actor) && actorKind(check, actor) !== 'guest' ? actor : undefined;
}

/** `title, description, ...` for messages that list what would have been valid. */
export const listNames = (names: Iterable<string>): string => [...names].join(', ') || 'none';

/** The foreign key fields of `model` and the relation field holding each. */
export function foreignKeys(model: DbModel): Map<string, DbField> {
  const keys = new Map<string, DbField>();
  for (const field of model.fields) for (const key of field.relation?.fields ?? []) keys.set(key, field);
  return keys;
}

// Longest names the model may choose, in characters, where no tighter fact applies (the data model's
// limits are in `database/names.ts`); every phase's schema and rules use them. The names are ASCII by
// their patterns, so characters are bytes.

/** Identifiers used only in generated TypeScript and URLs (actors, operation ids, DTO properties, path parameters, test step names): 40 reads well and leaves room for the prefixes and suffixes code adds (`SignUp<Actor>Body`, `Current<Actor>`). */
export const IDENTIFIER_MAX = 40;
/**
 * Modules become folders and files: `src/<module>/<module>.transformers.ts` is 2 × 40 + 21 = 101
 * characters at most, well inside the 180 a project path may have (`project/portablePaths.ts`).
 */
export const MODULE_NAME_MAX = 40;
/** DTO names put a verb or kind around a model name of up to 26 characters (`CreateTodoItemBody`, `TodoItemListQuery`): 48. */
export const DTO_NAME_MAX = 48;
/** Requirement section ids become `docs/requirements/NN-<id>.md`. */
export const SECTION_ID_MAX = 40;
/** A static segment of an operation's path (`todo-lists`). */
export const PATH_SEGMENT_MAX = 40;
/** A whole operation path: four times a nested one such as `/lists/{listId}/todos/{todoId}/comments` (40). No file is named after it; this is for readability. */
export const OPERATION_PATH_MAX = 160;
/** A refusal code becomes an exception class (`<Code>Exception`) and is read by clients: 40. */
export const REFUSAL_CODE_MAX = 40;
/** What a caller is told when refused: one sentence. */
export const REFUSAL_MESSAGE_MAX = 200;
/** An authentication route prefix (`/auth`, `/admin/auth`). */
export const AUTH_PREFIX_MAX = 40;

/**
 * The message for a name longer than `max`, or undefined when it fits: `what` is the plural the rule is
 * about ("module names"), `why` what the names become.
 */
export function lengthProblem(name: string, max: number, what: string, why: string): string | undefined {
  if (name.length <= max) return undefined;
  const shown = name.length > 60 ? `${name.slice(0, 40)}…` : name;
  return `"${shown}" is ${name.length} characters long; ${what} are at most ${max} (${why}): shorten it`;
}
