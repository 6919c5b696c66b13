/**
 * Reasoning that thinking models (qwen3, deepseek-r1 …) write into the answer text as `<think>…</think>`
 * when the server does not separate it. It may hold braces and half-written JSON of its own, so it is
 * cut out before any JSON is looked for.
 */
export interface SplitText {
  /** The reasoning found, blocks joined by blank lines; '' when there was none. */
  reasoning: string;
  /** The text without it. */
  answer: string;
}

const TAGS = ['think', 'thinking', 'reasoning'];

export function splitReasoning(text: string): SplitText {
  const reasoning: string[] = [];
  let answer = text;
  for (const tag of TAGS) {
    const open = `<${tag}>`;
    const close = `</${tag}>`;
    // Some templates open the block in the prompt, so the answer starts inside it: everything before a
    // lone closing tag is reasoning.
    const firstClose = answer.indexOf(close);
    if (firstClose >= 0 && !answer.slice(0, firstClose).includes(open)) {
      reasoning.push(answer.slice(0, firstClose).trim());
      answer = answer.slice(firstClose + close.length);
    }
    let start: number;
    while ((start = answer.indexOf(open)) >= 0) {
      const end = answer.indexOf(close, start + open.length);
      // A block never closed ran to the end of the answer: all of it is reasoning.
      const stop = end < 0 ? answer.length : end;
      reasoning.push(answer.slice(start + open.length, stop).trim());
      answer = answer.slice(0, start) + answer.slice(end < 0 ? answer.length : end + close.length);
    }
  }
  return { reasoning: reasoning.filter(Boolean).join('\n\n'), answer: answer.trim() };
}

/** Reasoning as one log line's worth: the end is where the model decided, so the end is kept. */
export function reasoningExcerpt(reasoning: string, limit = 2000): string {
  const flat = reasoning.trim();
  return flat.length <= limit ? flat : `… (${flat.length - limit} characters before) ${flat.slice(-limit)}`;
}
