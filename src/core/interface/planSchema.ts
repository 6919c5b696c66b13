import type { JsonSchema } from '../model/chat';
import { DTO_NAME_MAX, IDENTIFIER_MAX, MODULE_NAME_MAX, OPERATION_PATH_MAX } from '../names/limits';
import { AUTHENTICATION_SCHEMA } from './schema';
import { withoutDescriptions } from './moduleSchema';

/**
 * The JSON schema of the plan (`InterfacePlan`): authentication, the modules with what the plan fixes of
 * their operations, and the DTOs modules share. Its size follows the number of operations only through
 * one short entry each.
 */
const MODULE_NAME = { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: MODULE_NAME_MAX };

function authentication(): JsonSchema {
  const schema = withoutDescriptions(AUTHENTICATION_SCHEMA) as { items: { properties: Record<string, Record<string, unknown>> } };
  const properties = schema.items.properties;
  Object.assign(properties.identifier!, { description: 'unique String column to log in with' });
  Object.assign(properties.password!, { description: 'secret String column of the hash' });
  Object.assign(properties.path!, { description: 'e.g. "/auth"; one per account model' });
  Object.assign(properties.passwordMinLength!, { description: 'when the requirements ask for more than 8' });
  Object.assign(properties.signUpFields!, { description: 'optional columns a sign-up may fill' });
  return schema as JsonSchema;
}

export const PLAN_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['authentication', 'modules', 'shared'],
  additionalProperties: false,
  properties: {
    // The system prompt says how authentication entries work; the schema keeps the words it does not.
    authentication: authentication(),
    modules: {
      type: 'array',
      minItems: 1,
      description: 'one per feature, e.g. "todos" or "todo-lists"',
      items: {
        type: 'object',
        required: ['name', 'operations'],
        additionalProperties: false,
        properties: {
          name: MODULE_NAME,
          operations: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['id', 'method', 'path', 'actor', 'section'],
              additionalProperties: false,
              properties: {
                id: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$', maxLength: IDENTIFIER_MAX, description: 'unique verb + resource, e.g. "listTodos"' },
                method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
                path: { type: 'string', pattern: '^/', maxLength: OPERATION_PATH_MAX, description: 'e.g. "/todos/{id}"' },
                actor: { type: 'string', description: 'actor allowed to call it' },
                section: { type: 'string', description: 'id of the requirement section it serves' },
              },
            },
          },
        },
      },
    },
    shared: {
      type: 'array',
      description: 'DTOs used by more than one module (e.g. an author summary nested in posts and comments): one module defines each, the others use it by name',
      items: {
        type: 'object',
        required: ['name', 'kind', 'owner', 'usedBy'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$', maxLength: DTO_NAME_MAX },
          kind: { type: 'string', enum: ['body', 'query', 'response'] },
          model: { type: 'string', description: 'the model it is linked to' },
          owner: { type: 'string', description: 'the module that defines it' },
          usedBy: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'the other modules using it' },
        },
      },
    },
  },
};
