// Writes src/core/target/nest-prisma/templates.generated.ts: the text of every file under
// src/core/target/nest-prisma/templates/ (the generated files kept as real, type-checked files), keyed by
// its path in the generated project. The engine reads them from there, in out/ (tsc) and in the bundles
// (esbuild) alike, so nothing looks for template files on disk at run time. The module is not committed:
// `npm run compile` and esbuild.mjs write it first, and a unit test fails when it is older than a template.
//   node scripts/embed-templates.mjs [--watch]
import { readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TEMPLATES_DIR = join(root, 'src/core/target/nest-prisma/templates');
export const GENERATED_MODULE = join(root, 'src/core/target/nest-prisma/templates.generated.ts');
/** What the folder holds for the type-check alone: its module type, its tsconfig, declarations of printed files. */
export const CHECK_ONLY = ['package.json', 'tsconfig.json', 'tsconfig.scripts.json', 'stand-ins'];

/** Project path -> text of every template, in path order. */
export function readTemplates() {
  const files = [];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (dir === TEMPLATES_DIR && CHECK_ONLY.includes(entry.name)) continue;
      if (entry.isDirectory()) visit(path);
      else files.push(relative(TEMPLATES_DIR, path).split(sep).join('/'));
    }
  };
  visit(TEMPLATES_DIR);
  return Object.fromEntries(files.sort().map((file) => [file, readFileSync(join(TEMPLATES_DIR, file), 'utf8')]));
}

export function renderModule(templates) {
  const entries = Object.entries(templates).map(([path, text]) => `  ${JSON.stringify(path)}: ${JSON.stringify(text)},`);
  return `// Written by scripts/embed-templates.mjs from templates/: edit those files, not this one.\n/** Project path -> template text (see printer/templates.ts). */\nexport const TEMPLATES: Readonly<Record<string, string>> = {\n${entries.join('\n')}\n};\n`;
}

/** Writes the module when its text changes (an unchanged file does not wake watchers); true when written. */
export function embedTemplates() {
  const text = renderModule(readTemplates());
  let current;
  try {
    current = readFileSync(GENERATED_MODULE, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return false;
  writeFileSync(GENERATED_MODULE, text);
  return true;
}

/** Embeds again whenever a template changes (npm run watch). */
export function watchTemplates() {
  let timer;
  watch(TEMPLATES_DIR, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        if (embedTemplates()) console.log('embed-templates: templates.generated.ts updated');
      } catch (error) {
        console.error(`embed-templates: ${error.message}`);
      }
    }, 50);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  embedTemplates();
  if (process.argv.includes('--watch')) watchTemplates();
}
