import type { DatabaseArtifact, DbField, DbModel } from '../../../database/types';
import { scalarOf } from '../../../scalars';

/**
 * What the client declaration needs to know about a data model (already completed with its
 * back-relations): which fields are relations and of what kind, foreign keys, unique keys, and the
 * TypeScript types Prisma uses for each scalar.
 */
export class SchemaFacts {
  readonly models: ReadonlyMap<string, DbModel>;
  private readonly enums: ReadonlySet<string>;

  constructor(readonly artifact: DatabaseArtifact) {
    this.models = new Map(artifact.models.map((model) => [model.name, model]));
    this.enums = new Set(artifact.enums.map((dbEnum) => dbEnum.name));
  }

  isRelation(field: DbField): boolean {
    return this.models.has(field.type);
  }

  isEnum(field: DbField): boolean {
    return this.enums.has(field.type);
  }

  scalars(model: DbModel): DbField[] {
    return model.fields.filter((field) => !this.isRelation(field));
  }

  relations(model: DbModel): DbField[] {
    return model.fields.filter((field) => this.isRelation(field));
  }

  /** `owning`: holds the foreign key; `one`: the optional opposite of a one-to-one; `many`: a list. */
  relationKind(field: DbField): 'owning' | 'one' | 'many' {
    if (field.relation) return 'owning';
    return field.list ? 'many' : 'one';
  }

  /** Scalar fields that hold a foreign key of one of the model's relations. */
  foreignKeys(model: DbModel): Set<string> {
    return new Set(model.fields.flatMap((field) => field.relation?.fields ?? []));
  }

  /** The field on the other side of a relation (for a self-relation, on the same model). */
  opposite(model: DbModel, field: DbField): DbField | undefined {
    const target = this.models.get(field.type);
    if (!target) return undefined;
    const name = field.relation?.name ?? field.relationName;
    return target.fields.find((candidate) => {
      if (candidate === field || candidate.type !== model.name) return false;
      if ((candidate.relation?.name ?? candidate.relationName) !== name) return false;
      // Exactly one side of a one-to-many or one-to-one holds the key; a many-to-many has none.
      return field.relation ? !candidate.relation : candidate.relation !== undefined || (field.list === true && candidate.list === true);
    });
  }

  /** Single-field keys (`@id`, `@unique`) and compound ones (`@@id`, `@@unique`), as field-name lists. */
  uniqueKeys(model: DbModel): string[][] {
    const single = model.fields.filter((field) => (field.id || field.unique) && !this.isRelation(field)).map((field) => [field.name]);
    const keys = new Map<string, string[]>();
    for (const key of [...single, ...(model.id ? [model.id] : []), ...(model.uniques ?? [])]) keys.set(key.join('_'), key);
    return [...keys.values()];
  }

  /** The value a query returns for a scalar field. */
  outputType(field: DbField): string {
    const base = this.isEnum(field) ? `$Enums.${field.type}` : scalarOf(field.type)?.client.read ?? 'unknown';
    if (field.list) return `${base}[]`;
    return field.optional ? `${base} | null` : base;
  }

  /** What Prisma accepts as a value of a scalar field in data and filters (no list, no null). */
  inputType(field: DbField): string {
    if (this.isEnum(field)) return `$Enums.${field.type}`;
    return scalarOf(field.type)?.client.write ?? 'unknown';
  }

  /** The stem of Prisma's filter type names: `String` -> `StringFilter`, enum `Role` -> `EnumRoleFilter`. */
  filterStem(field: DbField): string {
    if (this.isEnum(field)) return `Enum${field.type}`;
    return scalarOf(field.type)?.filter?.stem ?? field.type;
  }

  isNumeric(field: DbField): boolean {
    return Boolean(scalarOf(field.type)?.numeric) && !field.list;
  }
}

export const upperFirst = (name: string): string => name[0]!.toUpperCase() + name.slice(1);
export const lowerFirst = (name: string): string => name[0]!.toLowerCase() + name.slice(1);
