import { camelCase, sessionType } from '../names';
import type { InterfaceArtifact, Operation, PathParam } from '../types';

/** An actor as the Analyze phase names it; only `kind` matters here (`guest` needs no sign-in). */
export interface ActorKind {
  name: string;
  kind: string;
}

/** One argument of a service method, in the contract order: session, path parameters, query, body. */
export interface ServiceParameter {
  kind: 'session' | 'param' | 'query' | 'body';
  name: string;
  type: string;
  /** For `session`: the signed-in actor. */
  actor?: string;
  /** For `param`: the path parameter. */
  param?: PathParam;
}

/**
 * The actor whose session an operation receives, or undefined for a guest operation. An actor is
 * signed in when the Interface artifact says how it authenticates; when the Analyze actors are known, an
 * actor of kind `guest` never is, and any other actor without authentication is refused rather than left open.
 */
export function sessionActor(api: InterfaceArtifact, operation: Operation, actors?: ActorKind[]): string | undefined {
  const known = actors?.find((actor) => actor.name === operation.actor);
  if (known?.kind === 'guest') return undefined;
  if (api.authentication.some((spec) => spec.actor === operation.actor)) return operation.actor;
  if (known) throw new Error(`operation "${operation.id}" is for the ${known.kind} actor "${operation.actor}", which has no authentication to guard it`);
  return undefined;
}

export function serviceParameters(api: InterfaceArtifact, operation: Operation, actors?: ActorKind[]): ServiceParameter[] {
  const parameters: ServiceParameter[] = [];
  const actor = sessionActor(api, operation, actors);
  if (actor) parameters.push({ kind: 'session', name: camelCase(actor), type: sessionType(actor), actor });
  for (const param of operation.params) parameters.push({ kind: 'param', name: param.name, type: param.type === 'integer' ? 'number' : 'string', param });
  if (operation.query) parameters.push({ kind: 'query', name: 'query', type: operation.query });
  if (operation.body) parameters.push({ kind: 'body', name: 'body', type: operation.body });
  return parameters;
}

/** What the method's promise resolves to: `Todo`, `Todo[]` or `void`. */
export function resultType(operation: Operation): string {
  if (!operation.response) return 'void';
  return operation.responseList ? `${operation.response}[]` : operation.response;
}

/** `listTodos(member: MemberSession, query: TodoListQuery): Promise<TodoPage>`: the service method the model fills. */
export function serviceSignature(api: InterfaceArtifact, operation: Operation, actors?: ActorKind[]): string {
  const parameters = serviceParameters(api, operation, actors).map((parameter) => `${parameter.name}: ${parameter.type}`);
  return `${operation.id}(${parameters.join(', ')}): Promise<${resultType(operation)}>`;
}
