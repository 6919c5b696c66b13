import { anchored } from '../../../interface/pattern';
import type { DatabaseArtifact } from '../../../database/types';
import { type ActorKind, describeGrants, sessionActors } from '../../../interface/access';
import { allAuthRoutes, type AuthRoutes, checkedProperty } from '../../../interface/auth';
import type { DtoProperty, DtoSchema, InterfaceArtifact, Operation, PathParam } from '../../../interface/types';
import { INT_MAX, integerBounds } from './dtos';
import { decimalPattern, decimalShape, durationUnit, exampleDecimal, plainDecimal } from '../../../interface/values';

type Json = Record<string, unknown>;

export interface OpenApiContext {
  title: string;
  summary?: string;
  database: DatabaseArtifact;
  /** Analyze actors: tell guests apart. */
  actors?: ActorKind[];
}

const JSON_MEDIA = 'application/json';
const ref = (dto: string): Json => ({ $ref: `#/components/schemas/${dto}` });
const jsonContent = (schema: Json): Json => ({ [JSON_MEDIA]: { schema } });

/**
 * The OpenAPI 3.1 document of the API: every DTO as a schema, every operation plus the generated
 * sign-up and login routes as paths. Built only from the artifact, in artifact order, so the same
 * design always gives the same bytes.
 */
export function renderOpenApi(artifact: InterfaceArtifact, context: OpenApiContext): string {
  const auth = allAuthRoutes(artifact.authentication, context.database);
  const dtos = new Map(artifact.dtos.map((dto) => [dto.name, dto]));

  const schemas: Json = {};
  for (const routes of auth) for (const dto of [routes.signup?.body, routes.login.body, routes.token]) if (dto) schemas[dto.name] = dtoSchema(dto, artifact);
  for (const dto of artifact.dtos) schemas[dto.name] = dtoSchema(dto, artifact);

  const paths: Record<string, Json> = {};
  const add = (path: string, method: string, operation: Json) => {
    (paths[path] ??= {})[method.toLowerCase()] = operation;
  };
  for (const routes of auth) {
    if (routes.signup) add(routes.signup.path, 'post', signUp(routes, routes.signup));
    // One login per account model, shared by the actors it holds.
    if (routes.group[0]?.actor === routes.spec.actor) add(routes.login.path, 'post', logIn(routes));
  }
  const accountActors = artifact.authentication.map((spec) => spec.actor);
  for (const operation of artifact.operations) {
    const signedIn = sessionActors(artifact, operation, context.actors);
    const others = accountActors.filter((actor) => signedIn.length > 0 && !signedIn.includes(actor));
    add(operation.path, operation.method, operationObject(operation, dtos, { signedIn, others, who: describeGrants(artifact, operation, context.actors) }));
  }

  const document = {
    openapi: '3.1.0',
    info: { title: context.title, version: '0.1.0', ...(context.summary ? { description: context.summary } : {}) },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas,
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function signUp(routes: AuthRoutes, signup: NonNullable<AuthRoutes['signup']>): Json {
  return {
    operationId: signup.operationId,
    summary: `Sign up as a ${routes.spec.actor} and receive a token.`,
    tags: ['auth'],
    requestBody: { required: true, content: jsonContent(ref(signup.body.name)) },
    responses: {
      201: { description: 'Created.', content: jsonContent(ref(routes.token.name)) },
      400: INVALID,
      409: { description: `The ${routes.spec.identifier} is already registered.` },
    },
  };
}

function logIn(routes: AuthRoutes): Json {
  return {
    operationId: routes.login.operationId,
    summary: `Log in as a ${routes.group.map((spec) => spec.actor).join(' or ')} and receive a token${routes.group.length > 1 ? ' (its `actor` says which)' : ''}.`,
    tags: ['auth'],
    requestBody: { required: true, content: jsonContent(ref(routes.login.body.name)) },
    responses: {
      200: { description: 'OK.', content: jsonContent(ref(routes.token.name)) },
      400: INVALID,
      401: { description: `Wrong ${routes.spec.identifier} or password${routes.spec.active ? ', or a deactivated account' : ''}.` },
    },
  };
}

const INVALID = { description: 'Invalid input; `message` lists the problems.' };
const UNAUTHORIZED = { description: 'Missing or invalid bearer token.' };

/** Who may call an operation: the signed-in actors it admits, the other account actors (403), and the sentence for readers. */
interface Access {
  signedIn: string[];
  others: string[];
  who: string;
}

function operationObject(operation: Operation, dtos: Map<string, DtoSchema>, access: Access): Json {
  const secured = access.signedIn.length > 0;
  const query = operation.query === undefined ? undefined : dtos.get(operation.query);
  const parameters = [
    ...operation.params.map((param) => ({ name: param.name, in: 'path', required: true, schema: pathParamSchema(param) })),
    ...(query?.properties ?? []).map((property) => ({
      name: property.name,
      in: 'query',
      required: !property.optional,
      ...(property.description ? { description: property.description } : {}),
      schema: propertySchema({ ...property, description: undefined }, true),
    })),
  ];
  // Integer-like keys keep ascending order in JSON.stringify, so responses list by status.
  const responses: Json = {};
  if (operation.status === 204 || operation.response === undefined) responses[operation.status] = { description: 'No content.' };
  else {
    const schema = operation.responseList ? { type: 'array', items: ref(operation.response) } : ref(operation.response);
    responses[operation.status] = { description: operation.status === 201 ? 'Created.' : 'OK.', content: jsonContent(schema) };
  }
  if (operation.body !== undefined || operation.query !== undefined || operation.params.length > 0) responses[400] = INVALID;
  if (secured) responses[401] = UNAUTHORIZED;
  if (access.others.length > 0) responses[403] = { description: `Signed in as a ${access.others.join(' or ')}: this route is not theirs.` };
  for (const error of operation.errors) {
    const known = responses[error.status] as { description?: string } | undefined;
    responses[error.status] = { description: known?.description && error.status === 403 ? `${error.description} ${known.description}` : error.description };
  }
  // Refusals by status, each with its code: the body says which one it was.
  for (const status of new Set((operation.refusals ?? []).map((refusal) => refusal.status))) {
    const refusals = (operation.refusals ?? []).filter((refusal) => refusal.status === status);
    const listed = refusals.map((refusal) => `\`${refusal.code}\`: ${refusal.message}`).join('; ');
    const documented = responses[status] as { description?: string } | undefined;
    responses[status] = {
      description: documented?.description ? `${documented.description} Refused by a rule (see \`code\`): ${listed}` : `Refused by a rule (see \`code\`): ${listed}`,
      content: jsonContent(refusalSchema(refusals.map((refusal) => refusal.code))),
    };
  }
  return {
    operationId: operation.id,
    summary: operation.summary,
    description: `Who may call it: ${access.who}.`,
    tags: [operation.module],
    'x-actors': access.signedIn.length > 0 ? access.signedIn : [operation.actor],
    ...(secured ? { security: [{ bearer: [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body !== undefined ? { requestBody: { required: true, content: jsonContent(ref(operation.body)) } } : {}),
    responses,
  };
}

function dtoSchema(dto: DtoSchema, api: InterfaceArtifact): Json {
  const properties: Json = {};
  // As the DTO class checks it (a staff-set password has sign-up's limits).
  for (const property of dto.properties) properties[property.name] = propertySchema(checkedProperty(api, dto, property), dto.kind !== 'response');
  const required = dto.properties.filter((property) => !property.optional).map((property) => property.name);
  return { type: 'object', description: dto.description, properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

/** `request`: the property is checked on the way in, so the schema states what the server accepts. */
function propertySchema(property: DtoProperty, request: boolean): Json {
  let schema = valueSchema(property, request);
  if (property.list) schema = { type: 'array', items: schema };
  if (property.nullable) schema = nullable(schema);
  return {
    ...(property.description ? { description: property.description } : {}),
    ...schema,
    ...(property.default !== undefined ? { default: property.default } : {}),
    // Computed by the server from the row: never sent, whatever a client does with the response.
    ...(property.count !== undefined || property.derived !== undefined ? { readOnly: true } : {}),
  };
}

function valueSchema(property: DtoProperty, request: boolean): Json {
  if (property.type === 'object') return ref(property.dto ?? '');
  if (property.type === 'decimal') return decimalSchema(property);
  const schema: Json =
    property.type === 'date-time' || property.type === 'date'
      ? { type: 'string', format: property.type }
      : property.type === 'duration'
        ? { type: 'integer', description: durationText(property) }
        : { type: property.type };
  if (property.format) schema.format = property.format;
  if (property.enum) schema.enum = [...property.enum];
  // Request integers are held to Prisma's Int range whether or not the design bounds them (dtos.ts); a duration is never negative.
  const whole = property.type === 'integer' || property.type === 'duration';
  const bounded = whole && (request || property.type === 'duration') ? { ...property, ...integerBounds(property) } : property;
  for (const key of ['minLength', 'maxLength', 'minimum', 'maximum'] as const) if (bounded[key] !== undefined) schema[key] = bounded[key];
  if (property.pattern !== undefined) schema.pattern = anchored(property.pattern);
  return schema;
}

/** A decimal is text, so its shape is a pattern (JSON Schema bounds apply to numbers only); the bounds are told in words. */
function decimalSchema(property: DtoProperty): Json {
  const shape = decimalShape(property);
  const bounds = [property.minimum !== undefined ? `at least ${plainDecimal(property.minimum)}` : '', property.maximum !== undefined ? `at most ${plainDecimal(property.maximum)}` : ''].filter(Boolean);
  const words = `An exact decimal as a string, ${shape.scale} digits after the point${bounds.length > 0 ? `, ${bounds.join(' and ')}` : ''}, e.g. "${exampleDecimal(shape)}".`;
  return { type: 'string', format: 'decimal', pattern: decimalPattern(shape), description: property.description ? `${property.description} ${words}` : words };
}

const durationText = (property: DtoProperty): string => {
  const words = `A duration in whole ${durationUnit(property.name) ?? 'units'}.`;
  return property.description ? `${property.description} ${words}` : words;
}

/** An integer path parameter is a positive Int (`IntParam` in the controllers); a string one any text. */
function pathParamSchema(param: PathParam): Json {
  return param.type === 'integer' ? { type: 'integer', minimum: 1, maximum: INT_MAX } : { type: param.type };
}

/** 3.1 spells "may be null" as a type union (an enum must then list null too); a `$ref` goes in `anyOf`. */
function nullable(schema: Json): Json {
  if ('$ref' in schema) return { anyOf: [schema, { type: 'null' }] };
  return { ...schema, type: [schema.type, 'null'], ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}) };
}

/** The body of a refusal: Nest's error shape with the code that says which rule refused. */
function refusalSchema(codes: string[]): Json {
  return {
    type: 'object',
    required: ['statusCode', 'error', 'code', 'message'],
    properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, code: { type: 'string', enum: codes }, message: { type: 'string' } },
  };
}
