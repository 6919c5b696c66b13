/** `--name value` and `--flag` options after a subcommand; positional words are returned apart. */
export interface ParsedArgs {
  command: string | undefined;
  /** The last value of each option. */
  options: Map<string, string | true>;
  positional: string[];
  /** Every value of an option given more than once (`--default a=1 --default b=2`). */
  all(name: string): string[];
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const options = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    const [name, inline] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--') ? rest[++i]! : true);
    options.set(name, value);
    if (value !== true) repeated.set(name, [...(repeated.get(name) ?? []), value]);
  }
  return { command, options, positional, all: (name) => repeated.get(name) ?? [] };
}
