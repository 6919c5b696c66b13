import { integerBounds, parsesDateTimes } from '../api/dtos';
import { commentText, quote } from '../printer/literals';
import { relativeSpecifier } from '../printer/tsCode';
import type { DtoProperty, DtoSchema } from '../../../interface/types';
import type { AuthAccount } from './actors';
import { AUTH_DTO_FILE, DATE_TIME_FILE } from '../../../names/generated';


/**
 * `src/auth/auth.dto.ts`: the sign-up and login bodies as class-validator classes (the global
 * ValidationPipe checks them) and the token answer as an interface.
 */
export function renderAuthDtos(accounts: AuthAccount[]): string {
  const validators = new Set<string>();
  const transformers = new Set<string>();
  const blocks: string[] = [];
  const bodies: DtoSchema[] = [];
  for (const account of accounts) {
    const own = [...account.actors.flatMap((actor) => (actor.routes.signup ? [actor.routes.signup.body] : [])), account.routes.login.body];
    for (const body of own) blocks.push(renderBodyClass(body, validators, transformers));
    blocks.push(renderTokenInterface(account.routes.token, account.idType));
    bodies.push(...own);
  }
  const usesEmail = bodies.some((body) => body.properties.some((property) => property.format === 'email'));
  const imports = [
    ...(transformers.size > 0 ? [`import { ${[...transformers].sort().join(', ')} } from 'class-transformer';`] : []),
    `import { ${[...validators].sort().join(', ')} } from 'class-validator';`,
    ...(bodies.some((body) => parsesDateTimes(body)) ? [`import { parseDateTime } from '${relativeSpecifier(AUTH_DTO_FILE, DATE_TIME_FILE)}';`] : []),
  ];
  const helpers = usesEmail
    ? [
        '/** E-mail addresses are compared and stored trimmed and in lower case. */',
        "const normalizeEmail = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);",
        '',
      ]
    : [];
  return [...imports, '', ...helpers, blocks.join('\n')].join('\n');
}

function renderBodyClass(dto: DtoSchema, validators: Set<string>, transformers: Set<string>): string {
  const members = dto.properties.map((property) => {
    const decorators = decoratorsOf(property);
    for (const decorator of decorators) {
      const name = decorator.slice(1, decorator.indexOf('('));
      if (name === 'Transform' || name === 'Type') {
        transformers.add(name);
        if (decorator === '@Transform(normalizeEmail)') transformers.add('type TransformFnParams');
      } else validators.add(name);
    }
    const type = `${tsType(property)}${property.nullable ? ' | null' : ''}`;
    return [
      ...(property.description ? [`  /** ${commentText(property.description)} */`] : []),
      ...decorators.map((decorator) => `  ${decorator}`),
      `  ${property.name}${property.optional ? '?' : ''}: ${type};`,
    ].join('\n');
  });
  return `/** ${commentText(dto.description)} */\nexport class ${dto.name} {\n${members.join('\n\n')}\n}\n`;
}

function decoratorsOf(property: DtoProperty): string[] {
  const decorators: string[] = [];
  // @IsOptional() would let null through too, to a column that cannot hold it (see target/nest-prisma/api/dtos.ts).
  if (property.optional) decorators.push(property.nullable ? '@IsOptional()' : '@ValidateIf((_, value) => value !== undefined)');
  else if (property.nullable) decorators.push('@ValidateIf((_, value) => value !== null)');
  switch (property.type) {
    case 'string':
      if (property.format === 'email') decorators.push('@Transform(normalizeEmail)', '@IsEmail()');
      else if (property.enum) decorators.push(`@IsIn([${property.enum.map(quote).join(', ')}])`);
      else decorators.push('@IsString()');
      if (property.minLength !== undefined) decorators.push(`@MinLength(${property.minLength})`);
      if (property.maxLength !== undefined) decorators.push(`@MaxLength(${property.maxLength})`);
      break;
    case 'integer':
    case 'number': {
      decorators.push(property.type === 'integer' ? '@IsInt()' : '@IsNumber()');
      const { minimum, maximum } = property.type === 'integer' ? integerBounds(property) : property;
      if (minimum !== undefined) decorators.push(`@Min(${minimum})`);
      if (maximum !== undefined) decorators.push(`@Max(${maximum})`);
      break;
    }
    case 'boolean':
      decorators.push('@IsBoolean()');
      break;
    case 'date-time':
      decorators.push('@Transform(({ value }) => parseDateTime(value))', `@IsDate({ message: '${property.name} must be an ISO 8601 date-time' })`);
      break;
    case 'object':
      // authRoutes leaves relations out of sign-up bodies.
      throw new Error(`auth body property "${property.name}" cannot be an object`);
  }
  return decorators;
}

function tsType(property: DtoProperty): string {
  switch (property.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date-time':
      return 'Date';
    default:
      return property.enum ? property.enum.map(quote).join(' | ') : 'string';
  }
}

function renderTokenInterface(dto: DtoSchema, idType: 'number' | 'string'): string {
  const members = dto.properties.map((property) => {
    const type = property.name === 'id' ? idType : property.enum ? property.enum.map(quote).join(' | ') : 'string';
    return [...(property.description ? [`  /** ${commentText(property.description)} */`] : []), `  ${property.name}: ${type};`].join('\n');
  });
  return `/** ${commentText(dto.description)} */\nexport interface ${dto.name} {\n${members.join('\n')}\n}\n`;
}
