import type { ColumnFill } from '../database/migrations';
import type { DatabaseArtifact } from '../database/types';
import type { Issue } from '../diagnostics/issue';
import { scalarOf } from '../scalars';
import type { DataRisk } from '../database/dataLoss';

/** How the user settled the data risks of a step: accept losses, and values for rows that need one. */
export interface DataChoices {
  /** Accept the risks whose only way ahead is to confirm them (a dropped table or column, a new unique). */
  confirmLoss?: boolean;
  /** `Model.field` -> a value for existing rows (a new required column, one made required). */
  defaults?: Readonly<Record<string, string>>;
  /** `Model.field` -> an SQL expression that computes it for existing rows (may name the row's other columns). */
  backfills?: Readonly<Record<string, string>>;
}


/**
 * The risks of going from one data model to the next (`dataRisks`) that the choices do not settle, as the problems
 * that stop the step (each saying how to settle it), and the fills the settled ones need.
 */
export function settleDataRisks(risks: readonly DataRisk[], after: DatabaseArtifact, choices: DataChoices): { issues: Issue[]; fills: ColumnFill[] } {
  const issues: Issue[] = [];
  const fills: ColumnFill[] = [];
  for (const risk of risks) {
    const key = `${risk.model}.${risk.field ?? ''}`;
    const backfill = choices.backfills?.[key];
    const value = choices.defaults?.[key];
    if (risk.choices.includes('backfill') && backfill !== undefined && (risk.kind === 'required-column-added' || risk.kind === 'column-now-required')) {
      fills.push({ model: risk.model, field: risk.field!, sql: `(${backfill})` });
      continue;
    }
    if (risk.choices.includes('default') && value !== undefined) {
      const literal = sqlLiteral(after, risk, value);
      if (typeof literal === 'string') fills.push({ model: risk.model, field: risk.field!, sql: literal });
      else issues.push(literal);
      continue;
    }
    if (risk.choices.includes('confirm') && choices.confirmLoss) continue;
    issues.push({ severity: 'error', source: 'database', message: `${risk.message}. Settle it with ${howTo(risk, key)}; nothing was changed.` });
  }
  return { issues, fills };
}

function howTo(risk: DataRisk, key: string): string {
  const ways = risk.choices.map((choice) => (choice === 'confirm' ? 'a confirmation that the loss is intended (--confirm-data-loss)' : choice === 'default' ? `a value for existing rows (--default ${key}=VALUE)` : `an SQL expression for existing rows (--backfill "${key}=EXPRESSION")`));
  return ways.join(' or ');
}

/** The value as an SQL literal of the column's type, or the problem with it. */
function sqlLiteral(after: DatabaseArtifact, risk: DataRisk, value: string): string | Issue {
  const field = after.models.find((model) => model.name === risk.model)?.fields.find((candidate) => candidate.name === risk.field);
  const scalar = field && scalarOf(field.type);
  const wrong = (what: string): Issue => ({ severity: 'error', source: 'database', message: `--default ${risk.model}.${risk.field}=${value}: ${what}` });
  if (scalar?.numeric) return /^-?\d+(\.\d+)?$/.test(value.trim()) ? value.trim() : wrong(`${field!.type} needs a number`);
  if (field?.type === 'Boolean') return /^(true|false)$/.test(value.trim()) ? value.trim() : wrong('Boolean needs true or false');
  if (field?.type === 'DateTime' && Number.isNaN(Date.parse(value))) return wrong('DateTime needs a date, e.g. 2026-01-31T00:00:00Z');
  return `'${value.replace(/'/g, "''")}'`;
}
