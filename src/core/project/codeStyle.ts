import { STRATA_DIR } from './strataDir';

/**
 * How generated code is laid out: the prettier options Strata formats every generated file with
 * (see formatting.ts), written into the project as its `.prettierrc`, so that the user's own prettier,
 * format-on-save included, leaves generated files as they are.
 *
 * Two options make the layout a function of the code alone, so that a file someone formatted with other
 * options (narrower, wrapped prose) comes back to exactly Strata's text when formatted with these, which is
 * how a reformatted file is told from a hand edit (generatedFiles.ts, `stateOf`): `objectWrap: collapse` puts
 * an object that fits on one line there (prettier's default keeps a break after `{` once there is one), and
 * `proseWrap: never` keeps each Markdown paragraph on one line (the default keeps line breaks as found; it
 * also leaves tables wider than the line unpadded).
 */
export const PRETTIER_OPTIONS = {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  objectWrap: 'collapse',
  proseWrap: 'never',
} as const;

/** The prettier bundled in the engine, and the one the generated project's `format` scripts install. */
export const PRETTIER_VERSION = '3.10.2';

export const PRETTIER_CONFIG_FILE = '.prettierrc';
export const PRETTIER_IGNORE_FILE = '.prettierignore';
export const EDITOR_CONFIG_FILE = '.editorconfig';

/** `.prettierrc` as YAML (prettier reads the file as YAML or JSON): the options above, nothing else. */
export function renderPrettierConfig(): string {
  return Object.entries(PRETTIER_OPTIONS)
    .map(([option, value]) => `${option}: ${value}\n`)
    .join('');
}

/**
 * `.prettierignore`: prettier already skips what `.gitignore` lists (node_modules, dist, the generated Prisma
 * client); this adds Strata's own state, which is JSON as Strata writes it, and npm's lock file.
 */
export function renderPrettierIgnore(): string {
  return [`${STRATA_DIR}/`, 'package-lock.json', ''].join('\n');
}

/**
 * `.editorconfig`, saying what `.prettierrc` says to editors without prettier (two-space indent, LF, a final
 * newline, the line width); prettier reads it too, and `.prettierrc` agrees with it.
 */
export function renderEditorConfig(): string {
  return `root = true

[*]
charset = utf-8
end_of_line = lf
indent_style = space
indent_size = 2
insert_final_newline = true
trim_trailing_whitespace = true
max_line_length = ${PRETTIER_OPTIONS.printWidth}

[*.md]
# Two trailing spaces are a line break in Markdown.
trim_trailing_whitespace = false
`;
}
