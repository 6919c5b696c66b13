import type { ChatRequest, ChatResult, JsonSchema, ModelInfo, ModelProvider } from '../../src/core/model/chat';
import { partsAskedBy, partsOf } from '../../src/core/model/answerParts';
import { appendPath } from '../../src/core/model/schemaCheck';
import { estimateUsage } from '../../src/core/model/tokens';

export type CorruptionKind =
  | 'missing-required'
  | 'wrong-type'
  | 'wrong-enum'
  | 'dangling-reference'
  | 'malformed-json'
  | 'code-type-error'
  | 'overlong-name'
  | 'reserved-name';

/** Kinds added after seeded runs were pinned: produced only when asked for in `kinds`, so those runs pick the same damage. */
const OPT_IN: readonly CorruptionKind[] = ['overlong-name', 'reserved-name'];

interface Corruption {
  kind: CorruptionKind;
  /** JSON path the feedback must name before the model repairs this corruption (`$` for malformed JSON). */
  path: string;
  apply(value: unknown): unknown;
}

/**
 * What small models do besides damaging values (all off unless asked for, so seeded runs keep their
 * damage): each is a chance per answer.
 */
export interface RealisticFailures {
  /** A retry repairs at most two thirds of the named problems (at least one), however many it was told of. */
  partialRepair: boolean;
  /** A retry breaks something that was right (a new corruption elsewhere). */
  regression: number;
  /** The answer is cut off (`finishReason: "length"`): no tool call, part of its text. */
  truncate: number;
  /** Prose about the answer instead of a tool call, no JSON. */
  prose: number;
  /** The call written as text: reasoning (with braces) and prose around a fenced JSON call. Readable, if the reader is good. */
  wrap: number;
  /** Asked for parts of its answer, the whole answer again. */
  whole: number;
  /** Asked for parts of its answer, one of them under a path it was not asked for (its repairs there are lost). */
  misaddress: number;
}

/** The rates bench:feedback runs with: what users of 7B-class local models report, roughly. */
export const REALISTIC: RealisticFailures = { partialRepair: true, regression: 0.05, truncate: 0.03, prose: 0.03, wrap: 0.15, whole: 0.15, misaddress: 0.05 };

export interface WeakModelOptions {
  /** Share of first answers that come back intact, 0..1. */
  rawSuccess: number;
  seed?: number;
  /** Chance that a corruption named by the feedback is repaired on the next attempt. */
  repairRate?: number;
  /** Paths in the correct value holding references to other things (model names, ids). */
  referencePaths?: (value: unknown) => string[];
  /** Paths in the correct value holding TypeScript code. */
  codePaths?: (value: unknown) => string[];
  /**
   * Paths in the correct value holding names that become file or folder names (modules, schema files,
   * models), which 'reserved-name' turns into a Windows device name.
   */
  fileNamePaths?: (value: unknown) => string[];
  /**
   * Only these kinds of damage. Left out: every kind but 'overlong-name' (a name made longer than its
   * schema's `maxLength`) and 'reserved-name', which are opt-in.
   */
  kinds?: CorruptionKind[];
  /** The failures of REALISTIC (or the rates given); off by default. */
  realistic?: boolean | Partial<RealisticFailures>;
}

/**
 * Wraps a model that answers correctly (the scripted model) and damages a set share of its first
 * answers the way small models do: a required field left out, a wrong type or enum value, a reference to
 * something that does not exist, malformed JSON, a type error in code. A damaged spot is repaired only
 * when the feedback names its path, so the simulator rewards precise diagnostics and punishes vague ones.
 */
export class WeakModel implements ModelProvider {
  readonly id = 'scripted';
  readonly label: string;
  private readonly random: () => number;
  private readonly pending = new Map<string, Corruption[]>();
  readonly stats = {
    firstAnswers: 0,
    corruptedFirstAnswers: 0,
    corruptions: 0,
    repairs: 0,
    byKind: {} as Partial<Record<CorruptionKind, number>>,
    /** Named problems a retry left for later (partial repair), new damage on retries, and answers cut off, in prose, wrapped. */
    leftNamed: 0,
    regressions: 0,
    truncated: 0,
    prose: 0,
    wrapped: 0,
    /** Retries asking for parts: answered with the whole answer, and with a part under a wrong path. */
    wholeReplies: 0,
    misaddressed: 0,
  };
  /** The schema of each call's whole answer, from its first request: a retry asking for parts carries only theirs. */
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly realistic: RealisticFailures | undefined;

  constructor(private readonly inner: ModelProvider, private readonly options: WeakModelOptions) {
    this.label = `weak model (${Math.round(options.rawSuccess * 100)}% raw success) over ${inner.label}`;
    this.random = mulberry32(options.seed ?? 1);
    const { realistic } = options;
    this.realistic = realistic === true ? REALISTIC : realistic ? { ...REALISTIC, ...realistic } : undefined;
  }

  listModels(signal?: AbortSignal): Promise<string[]> {
    return this.inner.listModels(signal);
  }

  describe(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    return this.inner.describe(model, signal);
  }

  /** The answer, with usage counted from what it says (a retry's parts, not the whole answer the inner model gave). */
  async chat(request: ChatRequest): Promise<ChatResult> {
    const result = await this.respond(request);
    const call = result.toolCalls[0];
    return { ...result, usage: estimateUsage(request, result.content || (call ? JSON.stringify(call.arguments) : '')) };
  }

  private async respond(request: ChatRequest): Promise<ChatResult> {
    const key = `${request.purpose?.agent}/${request.purpose?.target}`;
    // A retry may ask for parts of the answer (keyed by their paths): the damage is kept on the whole answer, in its paths.
    const asked = request.tool ? partsAskedBy(request.tool.parameters) : undefined;
    if (request.tool && !asked) this.schemas.set(key, request.tool.parameters);
    const schema = asked ? this.schemas.get(key) : request.tool?.parameters;
    const correct = await this.inner.chat(asked && schema ? { ...request, tool: { ...request.tool!, parameters: schema } } : request);
    const call = correct.toolCalls[0];
    if (!call || !request.tool || !schema) return correct;
    const isRetry = request.messages.some((message) => message.role === 'assistant');
    // A part answered under a wrong path: the caller keeps its old value there, damage and all.
    const misaddressed = asked && this.realistic && this.random() < this.realistic.misaddress ? asked[Math.floor(this.random() * asked.length)] : undefined;
    const untouched = (corruption: Corruption) => (asked !== undefined && corruption.path !== '$' && !asked.some((part) => within(corruption.path, part))) || (misaddressed !== undefined && within(corruption.path, misaddressed));

    let corruptions: Corruption[];
    if (!isRetry) {
      this.stats.firstAnswers++;
      corruptions = this.random() < this.options.rawSuccess ? [] : this.pickCorruptions(call.arguments, schema);
      if (corruptions.length > 0) this.stats.corruptedFirstAnswers++;
      this.stats.corruptions += corruptions.length;
      for (const { kind } of corruptions) this.stats.byKind[kind] = (this.stats.byKind[kind] ?? 0) + 1;
    } else {
      // Only the problems named now: the recall of settled ones ("Fixed in your earlier answers…") names none to repair.
      const feedback = (request.messages.at(-1)?.content ?? '').split('\nFixed in your earlier answers')[0]!;
      const pending = this.pending.get(key) ?? [];
      const isNamed = (corruption: Corruption) => feedback.includes(`at ${corruption.path}:`) || feedback.includes(`at ${corruption.path}.`) || feedback.includes(`at ${corruption.path}[`);
      // A small model fixes some of what it is told, not all: at most two thirds of the named problems per retry.
      let repairsLeft = this.realistic?.partialRepair ? Math.max(1, Math.floor((pending.filter(isNamed).length * 2) / 3)) : Infinity;
      corruptions = pending.filter((corruption) => {
        // Outside the parts it answers (or in one it misaddresses), nothing it writes reaches the answer.
        if (untouched(corruption)) return true;
        const named = isNamed(corruption);
        const repaired = named && repairsLeft > 0 && this.random() < (this.options.repairRate ?? 0.9);
        if (repaired) {
          this.stats.repairs++;
          repairsLeft--;
        } else if (named) this.stats.leftNamed++;
        return !repaired;
      });
      if (this.realistic && this.random() < this.realistic.regression) {
        const fresh = this.pickCorruptions(call.arguments, schema).filter((one) => one.kind !== 'malformed-json' && !untouched(one) && !corruptions.some((other) => overlaps(one.path, other.path)));
        if (fresh[0]) {
          corruptions = [...corruptions, fresh[0]];
          this.stats.regressions++;
        }
      }
    }
    this.pending.set(key, corruptions);

    const malformed = corruptions.some((corruption) => corruption.kind === 'malformed-json');
    const damaged = corruptions.filter((c) => c.kind !== 'malformed-json').reduce((value, corruption) => corruption.apply(value), structuredClone(call.arguments));
    let answer: unknown = damaged;
    if (asked && !(this.realistic && this.random() < this.realistic.whole)) {
      const parts = partsOf(damaged, asked);
      if (misaddressed) {
        parts[wrongPath(misaddressed, asked)] = parts[misaddressed];
        delete parts[misaddressed];
        this.stats.misaddressed++;
      }
      answer = parts;
    } else if (asked) this.stats.wholeReplies++;
    if (malformed) {
      const text = JSON.stringify({ name: call.name, arguments: answer });
      return { ...correct, toolCalls: [], content: `Here is the call:\n${text.slice(0, Math.floor(text.length * 0.7))}` };
    }
    return this.realistic ? this.inForm(correct, call.name, answer, this.realistic) : { ...correct, toolCalls: [{ name: call.name, arguments: answer }] };
  }

  /** The answer in the form a small model gives it: mostly a tool call; sometimes cut off, prose, or a call written out in text. */
  private inForm(correct: ChatResult, name: string, value: unknown, rates: RealisticFailures): ChatResult {
    const text = JSON.stringify({ name, arguments: value });
    const roll = this.random();
    if (roll < rates.truncate) {
      this.stats.truncated++;
      return { ...correct, toolCalls: [], content: text.slice(0, Math.floor(text.length * 0.6)), finishReason: 'length' };
    }
    if (roll < rates.truncate + rates.prose) {
      this.stats.prose++;
      return { ...correct, toolCalls: [], content: `I would call ${name} with the values described in the task, keeping every name as given.` };
    }
    if (roll < rates.truncate + rates.prose + rates.wrap) {
      this.stats.wrapped++;
      return { ...correct, toolCalls: [], content: `<think>Check {every field} against [the schema] first.</think>\nHere is the call:\n\`\`\`json\n${text}\n\`\`\`\nDone.` };
    }
    return { ...correct, toolCalls: [{ name, arguments: value }] };
  }

  private pickCorruptions(value: unknown, schema: JsonSchema): Corruption[] {
    const candidates = this.candidates(value, schema);
    const count = 1 + (this.random() < 0.35 ? 1 : 0) + (this.random() < 0.1 ? 1 : 0);
    const chosen: Corruption[] = [];
    for (let i = 0; i < count && candidates.length > 0; i++) {
      const [corruption] = candidates.splice(Math.floor(this.random() * candidates.length), 1);
      // Two corruptions of one spot would hide each other.
      if (!chosen.some((other) => other.path === corruption!.path || corruption!.path.startsWith(`${other.path}.`) || other.path.startsWith(`${corruption!.path}.`))) {
        chosen.push(corruption!);
      }
    }
    return chosen;
  }

  /** Every way this value could be damaged (of the kinds allowed), found by walking it beside its schema. */
  private candidates(value: unknown, schema: JsonSchema): Corruption[] {
    const { kinds } = this.options;
    return this.allCandidates(value, schema).filter((corruption) => (kinds ? kinds.includes(corruption.kind) : !OPT_IN.includes(corruption.kind)));
  }

  private allCandidates(value: unknown, schema: JsonSchema): Corruption[] {
    const found: Corruption[] = [{ kind: 'malformed-json', path: '$', apply: (v) => v }];
    const walk = (node: unknown, nodeSchema: JsonSchema | undefined, path: string): void => {
      if (!nodeSchema) return;
      if (Array.isArray(node)) {
        node.forEach((item, index) => walk(item, nodeSchema.items as JsonSchema | undefined, `${path}[${index}]`));
        return;
      }
      if (node === null || typeof node !== 'object') {
        // A name a model runs on with: still of its pattern's characters, past the schema's limit.
        if (typeof node === 'string' && node !== '' && typeof nodeSchema.pattern === 'string' && typeof nodeSchema.maxLength === 'number') {
          const long = node.repeat(Math.ceil((nodeSchema.maxLength + 1) / node.length));
          found.push({ kind: 'overlong-name', path, apply: (v) => setAt(v, path, long) });
        }
        if (Array.isArray(nodeSchema.enum)) found.push({ kind: 'wrong-enum', path, apply: (v) => setAt(v, path, wrongEnum(nodeSchema.enum as unknown[], node)) });
        else if (typeof nodeSchema.type === 'string') found.push({ kind: 'wrong-type', path, apply: (v) => setAt(v, path, wrongType(node)) });
        return;
      }
      const properties = (nodeSchema.properties ?? {}) as Record<string, JsonSchema>;
      for (const required of (nodeSchema.required ?? []) as string[]) {
        if (required in (node as object)) {
          const childPath = appendPath(path, required);
          found.push({ kind: 'missing-required', path: childPath, apply: (v) => deleteAt(v, childPath) });
        }
      }
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) walk(child, properties[key], appendPath(path, key));
    };
    walk(value, schema, '$');
    for (const path of this.options.referencePaths?.(value) ?? []) {
      found.push({ kind: 'dangling-reference', path, apply: (v) => setAt(v, path, `${String(getAt(v, path))}Record`) });
    }
    for (const path of this.options.codePaths?.(value) ?? []) {
      found.push({ kind: 'code-type-error', path, apply: (v) => setAt(v, path, `${String(getAt(v, path))}\nconst total: number = 'none';`) });
    }
    for (const path of this.options.fileNamePaths?.(value) ?? []) {
      // `con` in the name's own case style: models are PascalCase, modules and files lower case.
      found.push({ kind: 'reserved-name', path, apply: (v) => setAt(v, path, /^[A-Z]/.test(String(getAt(v, path))) ? 'Con' : 'con') });
    }
    return found;
  }
}

/** Whether a path is `part` or inside it. */
function within(path: string, part: string): boolean {
  return path === part || path.startsWith(`${part}.`) || path.startsWith(`${part}[`);
}

/** A path near the one asked for, as a model misremembers it: the next item, or the property without its item. */
function wrongPath(part: string, asked: readonly string[]): string {
  const next = part.replace(/\[(\d+)\]$/, (_, index: string) => `[${Number(index) + 1}]`);
  return next !== part && !asked.includes(next) ? next : `${part}.value`;
}

/** Two corruptions of one spot (or of a spot and what holds it) would hide each other. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}[`);
}

function wrongEnum(allowed: unknown[], current: unknown): unknown {
  const guess = typeof current === 'string' ? `${current.toLowerCase()}_value` : 'other';
  return allowed.includes(guess) ? `${guess}_x` : guess;
}

function wrongType(current: unknown): unknown {
  if (typeof current === 'string') return current.length;
  if (typeof current === 'number') return String(current);
  if (typeof current === 'boolean') return current ? 'yes' : 'no';
  return String(current);
}

/** Splits `$.a.b[2]["c d"]` into keys. */
function keys(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of path.slice(1).matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    parts.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : (JSON.parse(match[3]!) as string)));
  }
  return parts;
}

function getAt(value: unknown, path: string): unknown {
  return keys(path).reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);
}

function setAt(value: unknown, path: string, replacement: unknown): unknown {
  const parts = keys(path);
  if (parts.length === 0) return replacement;
  const parent = getAt(value, `$${path.slice(1, path.length - lastSegmentLength(path))}`) as Record<string | number, unknown> | undefined;
  if (parent && typeof parent === 'object') parent[parts.at(-1)!] = replacement;
  return value;
}

function deleteAt(value: unknown, path: string): unknown {
  const parts = keys(path);
  const parent = getAt(value, `$${path.slice(1, path.length - lastSegmentLength(path))}`) as Record<string | number, unknown> | undefined;
  if (parent && typeof parent === 'object') delete parent[parts.at(-1)!];
  return value;
}

function lastSegmentLength(path: string): number {
  const match = /(\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path);
  return match ? match[0].length : 0;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Code paths of a Realize answer (`$.operations[i].body`), where the simulator plants type errors. */
export function realizeCodePaths(value: unknown): string[] {
  const operations = (value as { operations?: { body?: unknown }[] } | undefined)?.operations;
  if (!Array.isArray(operations)) return [];
  return operations.flatMap((operation, index) => (typeof operation?.body === 'string' ? [`$.operations[${index}].body`] : []));
}
