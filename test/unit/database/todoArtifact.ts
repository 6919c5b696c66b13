import type { DatabaseArtifact } from '../../../src/core/database/types';

/** The reference todo app's data model, as the Database agent would fill it. */
export function todoArtifact(): DatabaseArtifact {
  return {
    enums: [],
    models: [
      {
        name: 'User',
        description: 'A person who signs up and keeps todos.',
        file: 'users',
        fields: [
          { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
          { name: 'email', type: 'String', unique: true, description: 'Login name, unique.' },
          { name: 'passwordHash', type: 'String', secret: true },
          { name: 'createdAt', type: 'DateTime', default: { kind: 'now' } },
        ],
      },
      {
        name: 'Todo',
        description: 'Something a user wants to get done.',
        file: 'todos',
        fields: [
          { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
          { name: 'title', type: 'String' },
          { name: 'description', type: 'String', optional: true },
          { name: 'dueAt', type: 'DateTime', optional: true },
          { name: 'done', type: 'Boolean', default: { kind: 'value', value: false } },
          { name: 'deletedAt', type: 'DateTime', optional: true, description: 'Set when soft-deleted.' },
          { name: 'createdAt', type: 'DateTime', default: { kind: 'now' } },
          { name: 'updatedAt', type: 'DateTime', updatedAt: true },
          { name: 'ownerId', type: 'Int' },
          { name: 'owner', type: 'User', relation: { fields: ['ownerId'], references: ['id'], onDelete: 'Cascade' } },
        ],
        indexes: [['ownerId', 'dueAt']],
      },
    ],
  };
}
