import type { DbModel } from '../../../database/types';
import type { SchemaFacts } from './prismaSchemaFacts';
import type { Declare } from './prismaWriteInputs';

/** The row type a selection gives: only selected fields, nested selections applied. */
export function declarePayload(facts: SchemaFacts, model: DbModel, declare: Declare): void {
  const n = model.name;
  const lists = facts.relations(model).filter((field) => field.list);
  const cases = facts.relations(model).map((field) => {
    const nested = `$${field.type}Payload<V>`;
    const value = field.list ? `Array<${nested}>` : !field.optional && facts.relationKind(field) === 'owning' ? nested : `${nested} | null`;
    return `K extends '${field.name}' ? ${value} : `;
  });
  if (lists.length > 0) {
    cases.push(`K extends '_count' ? (V extends { select: infer C extends object } ? { [F in keyof C as C[F] extends false | undefined | null ? never : F]: number } : { ${lists.map((field) => `${field.name}: number`).join('; ')} }) : `);
  }
  declare(`$${n}Payload`, () =>
    [
      `export type $${n}Payload<A> = 0 extends 1 & A`,
      `  ? ${n}`,
      `  : A extends { select: infer S extends object }`,
      `    ? { [K in keyof S as S[K] extends false | undefined | null ? never : K]: $${n}Field<K, S[K]> }`,
      `    : A extends { include: infer I extends object }`,
      `      ? $Omitted<${n}, A extends { omit: infer O } ? O : undefined> & { [K in keyof I as I[K] extends false | undefined | null ? never : K]: $${n}Field<K, I[K]> }`,
      `      : $Omitted<${n}, A extends { omit: infer O } ? O : undefined>;`,
      `export type $${n}Field<K, V> = ${cases.join('')}K extends keyof ${n} ? ${n}[K] : never;`,
      `export type ${n}GetPayload<A extends boolean | null | undefined | ${n}DefaultArgs> = $${n}Payload<A>;`,
    ].join('\n'),
  );
}

/**
 * The model's delegate (`prisma.todo`): select/include/omit are type parameters inferred from the call,
 * so each method returns exactly the selected shape; the rest of the arguments have fixed types, so an
 * unknown key anywhere in `where` or `data` is an error (Prisma rejects it at runtime).
 */
export function declareDelegate(facts: SchemaFacts, model: DbModel, declare: Declare): void {
  const n = model.name;
  const hasRelations = facts.relations(model).length > 0;
  const generics = `<S extends ${n}Select | null | undefined = undefined, I extends ${hasRelations ? `${n}Include | null | undefined` : 'undefined'} = undefined, O extends ${n}Omit | null | undefined = undefined>`;
  const checks = `$Exclusive<S, I, O> & { select?: $Known<S, ${n}Select, '${n}'> }`;
  const row = `$${n}Payload<{ select: S; include: I; omit: O }>`;
  const method = (name: string, args: string, optional: boolean, result: string) =>
    `  ${name}${generics}(args${optional ? '?' : ''}: ${args}<S, I, O> & ${checks}): ${result};`;
  const one = (nullable: boolean) => `Prisma__${n}Client<${row}${nullable ? ' | null, null' : ''}>`;
  const many = `PrismaPromise<Array<${row}>>`;
  declare(`${n}Delegate`, () =>
    [
      `export interface ${n}Delegate {`,
      method('findUnique', `${n}FindUniqueArgs`, false, one(true)),
      method('findUniqueOrThrow', `${n}FindUniqueOrThrowArgs`, false, one(false)),
      method('findFirst', `${n}FindFirstArgs`, true, one(true)),
      method('findFirstOrThrow', `${n}FindFirstOrThrowArgs`, true, one(false)),
      method('findMany', `${n}FindManyArgs`, true, many),
      method('create', `${n}CreateArgs`, false, one(false)),
      `  createMany(args?: ${n}CreateManyArgs): PrismaPromise<BatchPayload>;`,
      method('createManyAndReturn', `${n}CreateManyAndReturnArgs`, false, many),
      method('update', `${n}UpdateArgs`, false, one(false)),
      `  updateMany(args: ${n}UpdateManyArgs): PrismaPromise<BatchPayload>;`,
      method('updateManyAndReturn', `${n}UpdateManyAndReturnArgs`, false, many),
      method('upsert', `${n}UpsertArgs`, false, one(false)),
      method('delete', `${n}DeleteArgs`, false, one(false)),
      `  deleteMany(args?: ${n}DeleteManyArgs): PrismaPromise<BatchPayload>;`,
      `  count<C extends ${n}CountAggregateInputType | true | undefined = undefined>(args?: ${n}CountArgs<C>): PrismaPromise<[C] extends [object] ? $CountOf<C> : number>;`,
      `  aggregate<A extends ${n}AggregateArgs>(args: A): PrismaPromise<$AggregateOf<${n}, A>>;`,
      `  groupBy<A extends ${n}GroupByArgs>(args: A): PrismaPromise<Array<{ [K in $ByKeys<A['by']> & keyof ${n}]: ${n}[K] } & $AggregateOf<${n}, A>>>;`,
      '}',
    ].join('\n'),
  );
  // The promise `findUnique` and friends return also reaches a relation fluently (`.owner()`).
  const fluent = facts.relations(model).map((field) => {
    if (field.list) {
      return `  ${field.name}<A extends ${field.type}FindManyArgs = {}>(args?: Subset<A, ${field.type}FindManyArgs>): PrismaPromise<Array<$${field.type}Payload<A>> | Null>;`;
    }
    const nullable = field.optional || facts.relationKind(field) !== 'owning' ? ' | null' : '';
    return `  ${field.name}<A extends ${field.type}DefaultArgs = {}>(args?: Subset<A, ${field.type}DefaultArgs>): Prisma__${field.type}Client<$${field.type}Payload<A> | Null${nullable}, Null>;`;
  });
  declare(`Prisma__${n}Client`, () => [`export interface Prisma__${n}Client<T, Null = never> extends PrismaPromise<T> {`, ...fluent, '}'].join('\n'));
}
