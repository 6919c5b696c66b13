import { IDENTIFIER_MAX, SECTION_ID_MAX } from '../names/limits';
import type { JsonSchema } from '../model/chat';

/** The JSON schema the Analyze agent fills (the whole artifact: it is small). */
export const ANALYZE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['title', 'summary', 'actors', 'sections'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, description: 'name of the service' },
    summary: { type: 'string', minLength: 1, description: 'two or three sentences' },
    actors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'kind', 'description'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$', maxLength: IDENTIFIER_MAX },
          kind: { type: 'string', enum: ['guest', 'member', 'admin'] },
          description: { type: 'string', minLength: 1 },
        },
      },
    },
    sections: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'title', 'body', 'actors', 'rules'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: SECTION_ID_MAX },
          title: { type: 'string', minLength: 1 },
          body: { type: 'string', minLength: 1 },
          actors: { type: 'array', items: { type: 'string' }, description: 'names of the actors involved' },
          rules: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'testable business rules' },
        },
      },
    },
  },
};
