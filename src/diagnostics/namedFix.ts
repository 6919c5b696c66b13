/** The replacement a compiler message names ("… Did you mean 'title'?"), when it names exactly one identifier. */
export function namedFix(message: string): string | undefined {
  const matches = [...message.matchAll(/Did you mean '([A-Za-z_$][\w$]*)'\?/g)];
  return matches.length === 1 ? matches[0]![1] : undefined;
}
