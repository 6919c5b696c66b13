/** `--name value` and `--flag` options after a subcommand; positional words are returned apart. */
export interface ParsedArgs {
  command: string | undefined;
  options: Map<string, string | true>;
  positional: string[];
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    const [name, inline] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) options.set(name, inline);
    else if (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--')) options.set(name, rest[++i]!);
    else options.set(name, true);
  }
  return { command, options, positional };
}
