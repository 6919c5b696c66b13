/**
 * What a name the model chooses may be, wherever it ends up in generated code: the words the language
 * reserves, the parameters generated methods already have, and the longest names that read well and fit
 * the paths they become. Every phase's schema and rules read them, so they live below the phases.
 */

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

// Longest names the model may choose, in characters, where no tighter fact applies (the data model's
// limits are in `database/names.ts`). The names are ASCII by
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
