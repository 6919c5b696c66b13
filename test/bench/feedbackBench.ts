/**
 * bench:feedback — how far path-addressed feedback carries a weak model. The weak-model simulator
 * damages a set share of first answers; the typed-call loop must still end with valid values within
 * its retry budget. The simulator behaves like small local models (weakModel.ts REALISTIC): it repairs at
 * most half of what feedback names per retry, sometimes breaks something else, cuts answers off, answers
 * in prose or wraps the call in reasoning and prose; `--plain` runs the earlier simulator, which repairs
 * whatever is named and always calls the tool. Prints, per raw success rate: final success, mean
 * attempts, tokens per success, and what the simulator did.
 *   node out/test/bench/feedbackBench.js [--calls N] [--budget N] [--plain]
 */
import { TypeScriptProject } from '../../src/core/compilers/typescriptProject';
import type { Issue } from '../../src/core/diagnostics/issue';
import { CallLedger } from '../../src/core/model/accounting';
import { typedCall, TypedCallError } from '../../src/core/model/typedCall';
import { ScriptedModel } from '../fakes/scriptedModel';
import { WeakModel } from '../fakes/weakModel';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const CALLS = arg('calls', 200);
const BUDGET = arg('budget', 5);
const RATES = [0.1, 0.3, 0.6];
const REALISTIC = !process.argv.includes('--plain');
const KNOWN_MODELS = ['User', 'Todo', 'Tag', 'Session'];

/** An artifact of the shape phases ask for: names, enums, nested arrays, a reference, a code body. */
const schema = {
  type: 'object',
  required: ['name', 'description', 'fields', 'operation'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' },
    description: { type: 'string', minLength: 10 },
    fields: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'type', 'optional'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$' },
          type: { type: 'string', enum: ['String', 'Int', 'Boolean', 'DateTime', 'Relation'] },
          optional: { type: 'boolean' },
          references: { type: 'string' },
        },
      },
    },
    operation: {
      type: 'object',
      required: ['method', 'path', 'body'],
      additionalProperties: false,
      properties: {
        method: { type: 'string', enum: ['GET', 'POST', 'PATCH', 'DELETE'] },
        path: { type: 'string', pattern: '^/' },
        body: { type: 'string', description: 'TypeScript statements of the handler' },
      },
    },
  },
} as const;

interface Artifact {
  name: string;
  description: string;
  fields: { name: string; type: string; optional: boolean; references?: string }[];
  operation: { method: string; path: string; body: string };
}

function correctAnswer(index: number): Artifact {
  const name = `Entity${index}`;
  return {
    name,
    description: `Records of kind ${index} that users keep.`,
    fields: [
      { name: 'title', type: 'String', optional: false },
      { name: 'count', type: 'Int', optional: index % 2 === 0 },
      { name: 'done', type: 'Boolean', optional: false },
      { name: 'owner', type: 'Relation', optional: false, references: KNOWN_MODELS[index % KNOWN_MODELS.length]! },
    ],
    operation: {
      method: ['GET', 'POST', 'PATCH', 'DELETE'][index % 4]!,
      path: `/entities${index}`,
      body: `const items: { count: number }[] = [];\nconst total: number = items.reduce((sum, item) => sum + item.count, ${index});\nexport const result = { total };`,
    },
  };
}

/** The phase's own rules: references must exist, code must type-check (TypeScript in memory). */
const project = new TypeScriptProject('/bench');
function validate(artifact: Artifact): Issue[] {
  const issues: Issue[] = [];
  artifact.fields.forEach((field, index) => {
    if (field.references !== undefined && !KNOWN_MODELS.includes(field.references)) {
      issues.push({ severity: 'error', source: 'rules', path: `$.fields[${index}].references`, message: `no model named "${field.references}" (models: ${KNOWN_MODELS.join(', ')})` });
    }
  });
  project.setFile('handler.ts', artifact.operation.body);
  for (const issue of project.check()) {
    issues.push({ ...issue, path: '$.operation.body', message: `${issue.code}: ${issue.message} (line ${issue.range!.start.line + 1})` });
  }
  return issues;
}

async function runRate(rawSuccess: number) {
  const scripted = new ScriptedModel((_agent, target) => correctAnswer(Number(target.split('-')[1])));
  const weak = new WeakModel(scripted, {
    rawSuccess,
    seed: Math.round(rawSuccess * 1000) + 7,
    referencePaths: (value) => (value as Artifact).fields.flatMap((field, index) => (field.references ? [`$.fields[${index}].references`] : [])),
    codePaths: () => ['$.operation.body'],
    realistic: REALISTIC,
  });
  const ledger = new CallLedger();
  let failures = 0;
  const started = Date.now();
  for (let i = 0; i < CALLS; i++) {
    try {
      await typedCall<Artifact>(
        weak,
        {
          agent: 'bench',
          target: `entity-${i}`,
          model: 'weak',
          system: 'You design one data model entity and one operation on it.',
          prompt: `Design entity ${i}.`,
          tool: { name: 'define_entity', description: 'Define the entity.' },
          schema,
          validate,
          retryBudget: BUDGET,
        },
        ledger,
      );
    } catch (error) {
      if (!(error instanceof TypedCallError)) throw error;
      failures++;
    }
  }
  const total = ledger.total();
  return {
    rawSuccess,
    measuredRaw: total.firstTry / total.calls,
    finalSuccess: total.succeeded / total.calls,
    meanAttempts: total.attempts / total.calls,
    tokensPerSuccess: (total.inputTokens + total.outputTokens) / Math.max(1, total.succeeded),
    parseFailures: total.parseFailures,
    validationFailures: total.validationFailures,
    failures,
    seconds: (Date.now() - started) / 1000,
    corruptions: weak.stats.corruptions,
    behaviour: weak.stats,
  };
}

async function main(): Promise<void> {
  console.log(`bench:feedback — ${CALLS} typed calls per rate, retry budget ${BUDGET}, ${REALISTIC ? 'realistic' : 'plain'} weak-model simulator over a scripted model`);
  console.log('raw success | measured raw | final success | mean attempts | tokens/success | parse fails | validation fails | time');
  const results = [];
  for (const rate of RATES) {
    const r = await runRate(rate);
    results.push(r);
    console.log(
      `${pct(r.rawSuccess).padStart(11)} | ${pct(r.measuredRaw).padStart(12)} | ${pct(r.finalSuccess).padStart(13)} | ${r.meanAttempts.toFixed(2).padStart(13)} | ${Math.round(r.tokensPerSuccess).toString().padStart(14)} | ${String(r.parseFailures).padStart(11)} | ${String(r.validationFailures).padStart(16)} | ${r.seconds.toFixed(1)} s`,
    );
  }
  console.log('\nwhat the simulator did: damage (first answers) | repaired | named but left | broken on a retry | cut off | prose | wrapped in reasoning/prose');
  for (const r of results) {
    const b = r.behaviour;
    console.log(`${pct(r.rawSuccess).padStart(11)} | ${[b.corruptions, b.repairs, b.leftNamed, b.regressions, b.truncated, b.prose, b.wrapped].map((n) => String(n).padStart(6)).join(' | ')}`);
  }
  const worst = results[0]!;
  if (worst.finalSuccess < 0.99) {
    console.error(`FAIL: at ${pct(worst.rawSuccess)} raw success only ${pct(worst.finalSuccess)} of calls ended valid (target: 99%)`);
    process.exitCode = 1;
  } else {
    console.log(`ok: at ${pct(worst.rawSuccess)} raw success, ${pct(worst.finalSuccess)} of calls ended valid within the budget (target: 99%)`);
  }
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

void main();
