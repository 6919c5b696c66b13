import type { DatabaseId } from '../../../config/settings';
import type { DbField, DbModel } from '../../../database/types';
import { type SchemaFacts, upperFirst } from './prismaSchemaFacts';

/** Adds a named declaration once (the text is built only the first time) and returns its name. */
export type Declare = (name: string, text: () => string) => string;

/**
 * Create and update inputs of a model, checked (relations connected) and unchecked (foreign keys as
 * scalars), and the nested writes through each relation (`create`, `connect`, `upsert`, ...), declared
 * by name the way Prisma names them (`UserCreateNestedOneWithoutTodosInput`).
 */
export class WriteInputs {
  constructor(
    private readonly facts: SchemaFacts,
    private readonly provider: DatabaseId | undefined,
    private readonly declare: Declare,
  ) {}

  /**
   * Fields of a create input. Checked inputs connect relations and leave out foreign keys and
   * autoincrement keys; unchecked ones take the keys as scalars. `without` is the relation a nested
   * write comes through (it and its keys are set by Prisma); `nested` is false for createMany.
   */
  createFields(model: DbModel, unchecked: boolean, without?: DbField, nested = true): string[] {
    return this.writeFields(model, unchecked, without, nested, {
      scalar: (field) => {
        const optional = field.optional || field.default !== undefined || field.updatedAt || field.list;
        return `${field.name}${optional ? '?' : ''}: ${this.createValue(field)}`;
      },
      relation: (field, kind) => `${field.name}${kind === 'owning' && !field.optional ? '' : '?'}: ${this.nestedCreate(model, field)}`,
    });
  }

  /**
   * The fields a write input has, shared by create and update: checked inputs leave out foreign keys
   * and autoincrement keys (relations are written through), unchecked ones leave out owning relations.
   */
  private writeFields(
    model: DbModel,
    unchecked: boolean,
    without: DbField | undefined,
    nested: boolean,
    member: { scalar(field: DbField): string; relation(field: DbField, kind: ReturnType<SchemaFacts['relationKind']>): string },
  ): string[] {
    const facts = this.facts;
    const keys = facts.foreignKeys(model);
    const members: string[] = [];
    for (const field of model.fields) {
      if (without && (field === without || without.relation?.fields.includes(field.name))) continue;
      if (!facts.isRelation(field)) {
        if (!unchecked && (keys.has(field.name) || field.default?.kind === 'autoincrement')) continue;
        members.push(member.scalar(field));
        continue;
      }
      if (!nested) continue;
      const kind = facts.relationKind(field);
      if (kind === 'owning' && unchecked) continue;
      members.push(member.relation(field, kind));
    }
    return members;
  }

  private createValue(field: DbField): string {
    const value = this.facts.inputType(field);
    if (field.list) return `Array<${value}> | { set: Array<${value}> }`;
    if (field.type === 'Json') return field.optional ? 'NullableJsonNullValueInput | InputJsonValue' : 'JsonNullValueInput | InputJsonValue';
    return field.optional ? `${value} | null` : value;
  }

  updateFields(model: DbModel, unchecked: boolean, without?: DbField, nested = true): string[] {
    return this.writeFields(model, unchecked, without, nested, {
      scalar: (field) => `${field.name}?: ${this.updateValue(field)}`,
      relation: (field) => `${field.name}?: ${this.nestedUpdate(model, field)}`,
    });
  }

  private updateValue(field: DbField): string {
    const value = this.facts.inputType(field);
    if (field.list) return `Array<${value}> | { set?: Array<${value}>; push?: ${value} | Array<${value}> }`;
    if (field.type === 'Json') return field.optional ? 'NullableJsonNullValueInput | InputJsonValue' : 'JsonNullValueInput | InputJsonValue';
    const operations = `${field.optional ? 'Nullable' : ''}${this.facts.filterStem(field)}FieldUpdateOperationsInput`;
    return `${operations} | ${value}${field.optional ? ' | null' : ''}`;
  }

  /** Names the inputs of the related model seen through one relation (`TodoCreateWithoutOwnerInput`). */
  private through(model: DbModel, field: DbField): { target: DbModel; opposite?: DbField; suffix: string } {
    const target = this.facts.models.get(field.type)!;
    const opposite = this.facts.opposite(model, field);
    return { target, opposite, suffix: opposite ? `Without${upperFirst(opposite.name)}` : `Via${model.name}${upperFirst(field.name)}` };
  }

  private withoutInputs(model: DbModel, field: DbField): { create: string; update: string; where: string; unique: string } {
    const { target, opposite, suffix } = this.through(model, field);
    const t = target.name;
    const fieldList = (fields: string[]) => `{\n  ${fields.join('\n  ')}\n}`;
    const checkedCreate = this.declare(`${t}Create${suffix}Input`, () => `export type ${t}Create${suffix}Input = ${fieldList(this.createFields(target, false, opposite))};`);
    const uncheckedCreate = this.declare(`${t}UncheckedCreate${suffix}Input`, () => `export type ${t}UncheckedCreate${suffix}Input = ${fieldList(this.createFields(target, true, opposite))};`);
    const checkedUpdate = this.declare(`${t}Update${suffix}Input`, () => `export type ${t}Update${suffix}Input = ${fieldList(this.updateFields(target, false, opposite))};`);
    const uncheckedUpdate = this.declare(`${t}UncheckedUpdate${suffix}Input`, () => `export type ${t}UncheckedUpdate${suffix}Input = ${fieldList(this.updateFields(target, true, opposite))};`);
    return { create: `XOR<${checkedCreate}, ${uncheckedCreate}>`, update: `XOR<${checkedUpdate}, ${uncheckedUpdate}>`, where: `${t}WhereInput`, unique: `${t}WhereUniqueInput` };
  }

  private nestedCreate(model: DbModel, field: DbField): string {
    const { target, opposite, suffix } = this.through(model, field);
    const t = target.name;
    const inputs = this.withoutInputs(model, field);
    const connectOrCreate = `{ where: ${inputs.unique}; create: ${inputs.create} }`;
    if (!field.list) {
      return this.declare(`${t}CreateNestedOne${suffix}Input`, () =>
        `export type ${t}CreateNestedOne${suffix}Input = {\n  create?: ${inputs.create}\n  connectOrCreate?: ${connectOrCreate}\n  connect?: ${inputs.unique}\n};`,
      );
    }
    const createMany = opposite?.relation ? [`createMany?: { data: ${this.createManyThrough(target, opposite)} | Array<${this.createManyThrough(target, opposite)}>${this.skipDuplicates()} }`] : [];
    return this.declare(`${t}CreateNestedMany${suffix}Input`, () =>
      [
        `export type ${t}CreateNestedMany${suffix}Input = {`,
        `  create?: ${inputs.create} | Array<${inputs.create}>`,
        `  connectOrCreate?: ${connectOrCreate} | Array<${connectOrCreate}>`,
        ...createMany.map((line) => `  ${line}`),
        `  connect?: ${inputs.unique} | Array<${inputs.unique}>`,
        '};',
      ].join('\n'),
    );
  }

  private createManyThrough(target: DbModel, opposite: DbField): string {
    const name = `${target.name}CreateMany${upperFirst(opposite.name)}Input`;
    return this.declare(name, () => `export type ${name} = {\n  ${this.createFields(target, true, opposite, false).join('\n  ')}\n};`);
  }

  private skipDuplicates(): string {
    return this.provider === 'sqlite' ? '' : '; skipDuplicates?: boolean';
  }

  private nestedUpdate(model: DbModel, field: DbField): string {
    const { target, suffix } = this.through(model, field);
    const t = target.name;
    const inputs = this.withoutInputs(model, field);
    const connectOrCreate = `{ where: ${inputs.unique}; create: ${inputs.create} }`;
    if (!field.list) {
      const required = this.facts.relationKind(field) === 'owning' && !field.optional;
      const name = `${t}UpdateOne${required ? 'Required' : ''}${suffix}NestedInput`;
      return this.declare(name, () =>
        [
          `export type ${name} = {`,
          `  create?: ${inputs.create}`,
          `  connectOrCreate?: ${connectOrCreate}`,
          `  upsert?: { update: ${inputs.update}; create: ${inputs.create}; where?: ${inputs.where} }`,
          ...(required ? [] : [`  disconnect?: boolean | ${inputs.where}`, `  delete?: boolean | ${inputs.where}`]),
          `  connect?: ${inputs.unique}`,
          `  update?: ${inputs.update} | { where?: ${inputs.where}; data: ${inputs.update} }`,
          '};',
        ].join('\n'),
      );
    }
    const opposite = this.facts.opposite(model, field);
    const upsert = `{ where: ${inputs.unique}; update: ${inputs.update}; create: ${inputs.create} }`;
    const update = `{ where: ${inputs.unique}; data: ${inputs.update} }`;
    const updateMany = `{ where: ${inputs.where}; data: XOR<${t}UpdateManyMutationInput, ${t}UncheckedUpdateManyInput> }`;
    const createMany = opposite?.relation ? [`createMany?: { data: ${this.createManyThrough(target, opposite)} | Array<${this.createManyThrough(target, opposite)}>${this.skipDuplicates()} }`] : [];
    const many = (type: string) => `${type} | Array<${type}>`;
    return this.declare(`${t}UpdateMany${suffix}NestedInput`, () =>
      [
        `export type ${t}UpdateMany${suffix}NestedInput = {`,
        `  create?: ${many(inputs.create)}`,
        `  connectOrCreate?: ${many(connectOrCreate)}`,
        `  upsert?: ${many(upsert)}`,
        ...createMany.map((line) => `  ${line}`),
        `  set?: ${many(inputs.unique)}`,
        `  disconnect?: ${many(inputs.unique)}`,
        `  delete?: ${many(inputs.unique)}`,
        `  connect?: ${many(inputs.unique)}`,
        `  update?: ${many(update)}`,
        `  updateMany?: ${many(updateMany)}`,
        `  deleteMany?: ${many(inputs.where)}`,
        '};',
      ].join('\n'),
    );
  }

}
