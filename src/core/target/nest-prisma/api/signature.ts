import { type ActorKind, sessionActors } from '../../../interface/access';
import { CALLER, camelCase, sessionType } from '../../../names/generated';
import type { InterfaceArtifact, Operation, PathParam } from '../../../interface/types';

export type { ActorKind } from '../../../interface/access';


/** One argument of a service method, in the contract order: session, path parameters, query, body. */
export interface ServiceParameter {
  kind: 'session' | 'param' | 'query' | 'body';
  name: string;
  type: string;
  /** For `session`: the signed-in actors it may be (one, or several told apart by `actor`). */
  actors?: string[];
  /** For `param`: the path parameter. */
  param?: PathParam;
}

export function serviceParameters(api: InterfaceArtifact, operation: Operation, actors?: ActorKind[]): ServiceParameter[] {
  const parameters: ServiceParameter[] = [];
  const signedIn = sessionActors(api, operation, actors);
  if (signedIn.length === 1) parameters.push({ kind: 'session', name: camelCase(signedIn[0]!), type: sessionType(signedIn[0]!), actors: signedIn });
  else if (signedIn.length > 1) parameters.push({ kind: 'session', name: CALLER, type: signedIn.map(sessionType).join(' | '), actors: signedIn });
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
