import type { DatabaseId } from '../../../config/settings';
import type { DbField, DbModel } from '../../../database/types';
import { constObject } from './prismaSharedTypes';
import { declareDelegate, declarePayload } from './prismaDelegate';
import { type SchemaFacts, upperFirst } from './prismaSchemaFacts';
import { WriteInputs } from './prismaWriteInputs';

/**
 * The `Prisma` namespace members of each model: filters, unique and order inputs, select/include/omit,
 * create and update inputs (`WriteInputs`), the argument types of every delegate method, the payload
 * computed from a selection and the delegate (`prismaDelegate`). Declarations are collected by name,
 * so a nested-write input reached through several relations is declared once.
 */
export class ModelTypes {
  private readonly declared = new Map<string, string>();
  private readonly writes: WriteInputs;

  constructor(
    private readonly facts: SchemaFacts,
    private readonly provider: DatabaseId | undefined,
  ) {
    this.writes = new WriteInputs(facts, provider, (name, text) => this.declare(name, text));
  }

  /** Every declaration, for all models, in a stable order. */
  render(): string {
    for (const model of this.facts.models.values()) this.model(model);
    return [...this.declared.values()].join('\n');
  }

  private declare(name: string, text: () => string): string {
    if (!this.declared.has(name)) {
      this.declared.set(name, '');
      this.declared.set(name, text());
    }
    return name;
  }

  private model(model: DbModel): void {
    const n = model.name;
    const facts = this.facts;
    const scalars = facts.scalars(model);
    const relations = facts.relations(model);
    const lists = relations.filter((field) => field.list);
    const fieldList = (fields: string[]) => `{\n  ${fields.join('\n  ')}\n}`;

    this.declare(`${n}Model`, () => `export type ${n}Model = ${n};`);
    this.declare(`${n}ScalarFieldEnum`, () => constObject(`${n}ScalarFieldEnum`, scalars.map((field) => field.name)));

    this.declare(`${n}WhereInput`, () => `export type ${n}WhereInput = ${fieldList([...this.logical(n), ...model.fields.map((field) => `${field.name}?: ${this.whereValue(field)}`)])};`);
    this.declare(`${n}ScalarRelationFilter`, () => `export type ${n}ScalarRelationFilter = { is?: ${n}WhereInput; isNot?: ${n}WhereInput };`);
    this.declare(`${n}NullableScalarRelationFilter`, () => `export type ${n}NullableScalarRelationFilter = { is?: ${n}WhereInput | null; isNot?: ${n}WhereInput | null };`);
    this.declare(`${n}ListRelationFilter`, () => `export type ${n}ListRelationFilter = { every?: ${n}WhereInput; some?: ${n}WhereInput; none?: ${n}WhereInput };`);
    this.declare(`${n}WhereUniqueInput`, () => this.whereUnique(model));

    this.declare(`${n}OrderByWithRelationInput`, () => `export type ${n}OrderByWithRelationInput = ${fieldList(model.fields.map((field) => `${field.name}?: ${this.orderValue(field)}`))};`);
    this.declare(`${n}OrderByRelationAggregateInput`, () => `export type ${n}OrderByRelationAggregateInput = { _count?: SortOrder };`);

    const count = lists.length > 0 ? [`_count?: boolean | ${n}CountOutputTypeDefaultArgs`] : [];
    if (lists.length > 0) {
      this.declare(`${n}CountOutputTypeSelect`, () => `export type ${n}CountOutputTypeSelect = ${fieldList(lists.map((field) => `${field.name}?: boolean | { where?: ${field.type}WhereInput }`))};`);
      this.declare(`${n}CountOutputTypeDefaultArgs`, () => `export type ${n}CountOutputTypeDefaultArgs = { select?: ${n}CountOutputTypeSelect | null };`);
    }
    this.declare(`${n}Select`, () => `export type ${n}Select = ${fieldList([...model.fields.map((field) => `${field.name}?: ${this.selectValue(field)}`), ...count])};`);
    if (relations.length > 0) {
      this.declare(`${n}Include`, () => `export type ${n}Include = ${fieldList([...relations.map((field) => `${field.name}?: ${this.selectValue(field)}`), ...count])};`);
    }
    this.declare(`${n}Omit`, () => `export type ${n}Omit = ${fieldList(scalars.map((field) => `${field.name}?: boolean`))};`);

    this.declare(`${n}CreateInput`, () => `export type ${n}CreateInput = ${fieldList(this.writes.createFields(model, false))};`);
    this.declare(`${n}UncheckedCreateInput`, () => `export type ${n}UncheckedCreateInput = ${fieldList(this.writes.createFields(model, true))};`);
    this.declare(`${n}CreateManyInput`, () => `export type ${n}CreateManyInput = ${fieldList(this.writes.createFields(model, true, undefined, false))};`);
    this.declare(`${n}UpdateInput`, () => `export type ${n}UpdateInput = ${fieldList(this.writes.updateFields(model, false))};`);
    this.declare(`${n}UncheckedUpdateInput`, () => `export type ${n}UncheckedUpdateInput = ${fieldList(this.writes.updateFields(model, true))};`);
    this.declare(`${n}UpdateManyMutationInput`, () => `export type ${n}UpdateManyMutationInput = ${fieldList(this.writes.updateFields(model, false, undefined, false))};`);
    this.declare(`${n}UncheckedUpdateManyInput`, () => `export type ${n}UncheckedUpdateManyInput = ${fieldList(this.writes.updateFields(model, true, undefined, false))};`);

    this.declare(`${n}CountAggregateInputType`, () => `export type ${n}CountAggregateInputType = ${fieldList([...scalars.map((field) => `${field.name}?: true`), '_all?: true'])};`);
    const numeric = scalars.filter((field) => facts.isNumeric(field)).map((field) => `${field.name}?: true`);
    const comparable = scalars.filter((field) => !field.list && field.type !== 'Json').map((field) => `${field.name}?: true`);
    this.declare(`${n}AvgAggregateInputType`, () => `export type ${n}AvgAggregateInputType = ${fieldList(numeric)};`);
    this.declare(`${n}SumAggregateInputType`, () => `export type ${n}SumAggregateInputType = ${fieldList(numeric)};`);
    this.declare(`${n}MinAggregateInputType`, () => `export type ${n}MinAggregateInputType = ${fieldList(comparable)};`);
    this.declare(`${n}MaxAggregateInputType`, () => `export type ${n}MaxAggregateInputType = ${fieldList(comparable)};`);

    this.args(model, relations.length > 0);
    declarePayload(this.facts, model, (name, text) => this.declare(name, text));
    declareDelegate(this.facts, model, (name, text) => this.declare(name, text));
  }

  private logical(n: string): string[] {
    return [`AND?: ${n}WhereInput | ${n}WhereInput[]`, `OR?: ${n}WhereInput[]`, `NOT?: ${n}WhereInput | ${n}WhereInput[]`];
  }

  private whereValue(field: DbField): string {
    const facts = this.facts;
    if (facts.isRelation(field)) {
      const kind = facts.relationKind(field);
      if (kind === 'many') return `${field.type}ListRelationFilter`;
      if (kind === 'owning' && !field.optional) return `XOR<${field.type}ScalarRelationFilter, ${field.type}WhereInput>`;
      return `XOR<${field.type}NullableScalarRelationFilter, ${field.type}WhereInput> | null`;
    }
    const stem = facts.filterStem(field);
    if (field.list) return `${stem}NullableListFilter`;
    if (field.type === 'Json') return field.optional ? 'JsonNullableFilter' : 'JsonFilter';
    const value = facts.inputType(field);
    return field.optional ? `${stem}NullableFilter | ${value} | null` : `${stem}Filter | ${value}`;
  }

  private whereUnique(model: DbModel): string {
    const n = model.name;
    const keys = this.facts.uniqueKeys(model);
    const single = new Set(keys.filter((key) => key.length === 1).map((key) => key[0]!));
    const members: string[] = [];
    for (const key of keys) {
      if (key.length === 1) {
        const field = model.fields.find((candidate) => candidate.name === key[0])!;
        members.push(`${field.name}?: ${this.facts.inputType(field)}`);
      } else {
        const name = `${n}${key.map(upperFirst).join('')}CompoundUniqueInput`;
        this.declare(name, () => {
          const parts = key.map((part) => {
            const field = model.fields.find((candidate) => candidate.name === part);
            return `${part}: ${field ? this.facts.inputType(field) : 'unknown'}`;
          });
          return `export type ${name} = { ${parts.join('; ')} };`;
        });
        members.push(`${key.join('_')}?: ${name}`);
      }
    }
    members.push(...this.logical(n));
    for (const field of model.fields) if (!single.has(field.name)) members.push(`${field.name}?: ${this.whereValue(field)}`);
    const body = `{\n  ${members.join('\n  ')}\n}`;
    const required = keys.map((key) => `'${key.join('_')}'`);
    return `export type ${n}WhereUniqueInput = ${required.length > 0 ? `AtLeast<${body}, ${required.join(' | ')}>` : body};`;
  }

  private orderValue(field: DbField): string {
    if (this.facts.isRelation(field)) {
      return field.list ? `${field.type}OrderByRelationAggregateInput` : `${field.type}OrderByWithRelationInput`;
    }
    return field.optional ? 'SortOrder | SortOrderInput' : 'SortOrder';
  }

  private selectValue(field: DbField): string {
    if (!this.facts.isRelation(field)) return 'boolean';
    return field.list ? `boolean | ${field.type}FindManyArgs` : `boolean | ${field.type}DefaultArgs`;
  }

  /** Argument types; select/include/omit are type parameters so delegates can infer the result. */
  private args(model: DbModel, hasRelations: boolean): void {
    const n = model.name;
    const params = `<S = ${n}Select | null, I = ${hasRelations ? `${n}Include | null` : 'undefined'}, O = ${n}Omit | null>`;
    const shape = ['select?: S', ...(hasRelations ? ['include?: I'] : []), 'omit?: O'];
    const list = [
      `where?: ${n}WhereInput`,
      `orderBy?: ${n}OrderByWithRelationInput | ${n}OrderByWithRelationInput[]`,
      `cursor?: ${n}WhereUniqueInput`,
      'take?: number',
      'skip?: number',
      `distinct?: ${n}ScalarFieldEnum | ${n}ScalarFieldEnum[]`,
    ];
    const type = (name: string, generic: boolean, members: string[]) =>
      this.declare(name, () => `export type ${name}${generic ? params : ''} = {\n  ${[...(generic ? shape : []), ...members].join('\n  ')}\n};`);
    type(`${n}DefaultArgs`, true, []);
    type(`${n}FindUniqueArgs`, true, [`where: ${n}WhereUniqueInput`]);
    type(`${n}FindUniqueOrThrowArgs`, true, [`where: ${n}WhereUniqueInput`]);
    type(`${n}FindFirstArgs`, true, list);
    type(`${n}FindFirstOrThrowArgs`, true, list);
    type(`${n}FindManyArgs`, true, list);
    type(`${n}CreateArgs`, true, [`data: XOR<${n}CreateInput, ${n}UncheckedCreateInput>`]);
    const createMany = [`data: ${n}CreateManyInput | ${n}CreateManyInput[]`, ...(this.provider === 'sqlite' ? [] : ['skipDuplicates?: boolean'])];
    type(`${n}CreateManyArgs`, false, createMany);
    type(`${n}CreateManyAndReturnArgs`, true, createMany);
    type(`${n}UpdateArgs`, true, [`data: XOR<${n}UpdateInput, ${n}UncheckedUpdateInput>`, `where: ${n}WhereUniqueInput`]);
    const updateMany = [`data: XOR<${n}UpdateManyMutationInput, ${n}UncheckedUpdateManyInput>`, `where?: ${n}WhereInput`, 'limit?: number'];
    type(`${n}UpdateManyArgs`, false, updateMany);
    type(`${n}UpdateManyAndReturnArgs`, true, updateMany);
    type(`${n}UpsertArgs`, true, [`where: ${n}WhereUniqueInput`, `create: XOR<${n}CreateInput, ${n}UncheckedCreateInput>`, `update: XOR<${n}UpdateInput, ${n}UncheckedUpdateInput>`]);
    type(`${n}DeleteArgs`, true, [`where: ${n}WhereUniqueInput`]);
    type(`${n}DeleteManyArgs`, false, [`where?: ${n}WhereInput`, 'limit?: number']);
    this.declare(`${n}CountArgs`, () => `export type ${n}CountArgs<C = ${n}CountAggregateInputType | true> = {\n  ${[...list, 'select?: C'].join('\n  ')}\n};`);
    const aggregates = [
      `_count?: true | ${n}CountAggregateInputType`,
      `_avg?: ${n}AvgAggregateInputType`,
      `_sum?: ${n}SumAggregateInputType`,
      `_min?: ${n}MinAggregateInputType`,
      `_max?: ${n}MaxAggregateInputType`,
    ];
    type(`${n}AggregateArgs`, false, [...list.slice(0, 5), ...aggregates]);
    type(`${n}GroupByArgs`, false, [
      `by: ${n}ScalarFieldEnum | ReadonlyArray<${n}ScalarFieldEnum>`,
      `where?: ${n}WhereInput`,
      'orderBy?: Record<string, unknown> | Array<Record<string, unknown>>',
      'having?: Record<string, unknown>',
      'take?: number',
      'skip?: number',
      ...aggregates,
    ]);
  }

}
