import type { AnalyzeArtifact, RequirementSection } from '../analyze/types';
import type { JsonSchema } from '../model/chat';
import { askForArtifact } from '../pipeline/askForArtifact';
import { DeltaPaths, mergeByKey } from '../pipeline/delta';
import type { Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import { SYSTEM as DESIGN_SYSTEM } from './agent';
import { compileDatabase, type DatabaseCompilation, type DatabaseTarget } from './compile';
import { describeDataModel } from './describe';
import { DATABASE_SCHEMA } from './schema';
import type { DatabaseArtifact, DbEnum, DbField, DbModel } from './types';

/** A changed table: fields added (or replacing the field of the same name) and fields that go. */
export interface ModelChange {
  model: string;
  fields: DbField[];
  removedFields: string[];
}

/** The Database answer of a feature step: only what changes. */
export interface DatabaseChange {
  /** New tables, whole. */
  models: DbModel[];
  changes: ModelChange[];
  removedModels: string[];
  /** New enums, and changed ones whole under their name. */
  enums: DbEnum[];
  removedEnums: string[];
}

export const DATA_MODEL_CHANGE_TARGET = 'data model change';

const props = DATABASE_SCHEMA.properties as Record<string, JsonSchema>;
const modelItem = (props.models as { items: JsonSchema }).items as { properties: Record<string, JsonSchema> };
const names = { type: 'array', items: { type: 'string' } } as const;
const CHANGE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['models', 'changes', 'removedModels', 'enums', 'removedEnums'],
  additionalProperties: false,
  properties: {
    models: { ...props.models, minItems: 0, description: 'new models, whole' },
    changes: {
      type: 'array',
      description: 'existing models that change: fields to add (or to replace, under the same name) and fields to remove',
      items: {
        type: 'object',
        required: ['model', 'fields', 'removedFields'],
        additionalProperties: false,
        properties: { model: modelItem.properties.name!, fields: { ...modelItem.properties.fields!, minItems: 0 }, removedFields: names },
      },
    },
    removedModels: { ...names, description: 'names of models to remove' },
    enums: { ...props.enums, description: 'new enums, and each changed enum whole' },
    removedEnums: names,
  },
};

const SYSTEM = [
  DESIGN_SYSTEM,
  'The data model exists and holds data: answer with only what the changed requirements need, and leave every other model and field as it is.',
  'A new required column on an existing table needs a default, or existing rows cannot get a value.',
].join('\n');

/** The Database phase of a feature step: the data model as it stands and the changed sections in, the changes out, merged by code and checked whole. */
export class DatabaseChangePhase implements Phase {
  readonly id = 'database' as const;

  constructor(
    private readonly earlier: DatabaseArtifact,
    private readonly earlierAnalysis: AnalyzeArtifact,
    private readonly target: DatabaseTarget,
  ) {}

  async run(context: PhaseContext): Promise<PhaseResult> {
    const database = context.settings.database;
    const analysis = context.artifactOf('analyze') as AnalyzeArtifact | undefined;
    const actors = analysis?.actors.map((actor) => actor.name);
    context.progress(0, 1);
    let compiled: DatabaseCompilation | undefined;
    let merged: DatabaseArtifact | undefined;
    const answer = await askForArtifact<DatabaseChange>({ ...context, earlier: undefined }, {
      target: DATA_MODEL_CHANGE_TARGET,
      system: SYSTEM,
      prompt: `${describeDataModel(this.earlier)}\n\n${describeSectionChanges(this.earlierAnalysis, analysis)}\n\nChange the data model (${database}) for these requirements.`,
      tool: { name: 'change_data_model', description: 'Add, change or remove models, fields and enums.' },
      schema: CHANGE_SCHEMA,
      validate: (change) => {
        const paths = new DeltaPaths();
        const missing = unknownNames(this.earlier, change);
        if (missing.length > 0) return missing;
        merged = mergeDataModel(this.earlier, change, paths);
        compiled = compileDatabase(this.target, merged, database, actors);
        return paths.toAnswer(compiled.issues);
      },
    });
    if (!answer.ok) return { artifact: undefined, files: new Map(), issues: answer.issues };
    const artifact = merged ?? mergeDataModel(this.earlier, answer.value, new DeltaPaths());
    const { issues, schema } = compiled ?? compileDatabase(this.target, artifact, database, actors);
    context.remember?.('data model', artifact);
    context.progress(1, 1);
    return { artifact, files: schema?.files ?? new Map(), provenance: schema?.from, issues };
  }
}

export function mergeDataModel(earlier: DatabaseArtifact, change: DatabaseChange, paths: DeltaPaths): DatabaseArtifact {
  const models = mergeByKey(earlier.models, change.models, change.removedModels, (model) => model.name, { merged: '$.models', answer: '$.models', paths });
  change.changes.forEach((modelChange, c) => {
    const index = models.findIndex((model) => model.name === modelChange.model);
    if (index < 0) return;
    const model = models[index]!;
    const fields = mergeByKey(model.fields, modelChange.fields, modelChange.removedFields, (field) => field.name, { merged: `$.models[${index}].fields`, answer: `$.changes[${c}].fields`, paths });
    models[index] = { ...model, fields };
  });
  const enums = mergeByKey(earlier.enums, change.enums, change.removedEnums, (dbEnum) => dbEnum.name, { merged: '$.enums', answer: '$.enums', paths });
  return { enums, models };
}

/** Changes and removals that name what is not there: said before merging, at the answer's own path. */
function unknownNames(earlier: DatabaseArtifact, change: DatabaseChange) {
  const models = new Set(earlier.models.map((model) => model.name));
  const issues: { severity: 'error'; source: string; path: string; message: string }[] = [];
  const unknown = (path: string, what: string, name: string, known: Iterable<string>) =>
    issues.push({ severity: 'error', source: 'database', path, message: `no ${what} "${name}" (there are: ${[...known].join(', ') || 'none'}); a new one goes in "${what === 'enum' ? 'enums' : 'models'}"` });
  change.changes.forEach((modelChange, c) => {
    const model = earlier.models.find((candidate) => candidate.name === modelChange.model);
    if (!model) {
      unknown(`$.changes[${c}].model`, 'model', modelChange.model, models);
      return;
    }
    modelChange.removedFields.forEach((field, f) => {
      if (!model.fields.some((candidate) => candidate.name === field)) unknown(`$.changes[${c}].removedFields[${f}]`, `field of ${model.name}`, field, model.fields.map((candidate) => candidate.name));
    });
  });
  change.removedModels.forEach((name, m) => {
    if (!models.has(name)) unknown(`$.removedModels[${m}]`, 'model', name, models);
  });
  change.removedEnums.forEach((name, e) => {
    if (!earlier.enums.some((dbEnum) => dbEnum.name === name)) unknown(`$.removedEnums[${e}]`, 'enum', name, earlier.enums.map((dbEnum) => dbEnum.name));
  });
  return issues;
}

/** The sections a feature step added, changed or removed, as the Database change is told them. */
function describeSectionChanges(before: AnalyzeArtifact, after: AnalyzeArtifact | undefined): string {
  if (!after) return 'The requirements did not change.';
  const old = new Map(before.sections.map((section) => [section.id, JSON.stringify(section)]));
  const text = (section: RequirementSection) => [`## ${section.title} (${section.id})`, section.body, ...section.rules.map((rule) => `- ${rule}`)].join('\n');
  const added = after.sections.filter((section) => !old.has(section.id));
  const changed = after.sections.filter((section) => old.has(section.id) && old.get(section.id) !== JSON.stringify(section));
  const removed = before.sections.filter((section) => !after.sections.some((candidate) => candidate.id === section.id));
  return [
    ...(added.length ? ['New requirement sections:', ...added.map(text)] : []),
    ...(changed.length ? ['Changed requirement sections (as they now read):', ...changed.map(text)] : []),
    ...(removed.length ? [`Removed requirement sections: ${removed.map((section) => `${section.title} (${section.id})`).join(', ')}. Remove what only they needed.`] : []),
  ].join('\n\n');
}
