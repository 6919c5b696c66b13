import type { DatabaseArtifact } from '../../../../src/core/database/types';

/**
 * A data model using what the Prisma declaration has to get right beyond the todo app: enums, uuid and
 * BigInt keys, a composite key, a compound unique, optional and one-to-one relations, a self-relation,
 * an implicit many-to-many, Decimal/Json/Bytes/Float and a scalar list.
 */
export function richArtifact(): DatabaseArtifact {
  return {
    enums: [
      { name: 'Role', file: 'accounts', values: ['ADMIN', 'MEMBER'] },
      { name: 'OrderStatus', file: 'orders', values: ['PENDING', 'PAID', 'SHIPPED'] },
    ],
    models: [
      {
        name: 'Account',
        description: 'Someone who signs in.',
        file: 'accounts',
        fields: [
          { name: 'id', type: 'String', id: true, default: { kind: 'uuid' } },
          { name: 'email', type: 'String', unique: true },
          { name: 'role', type: 'Role', default: { kind: 'value', value: 'MEMBER' } },
          { name: 'balance', type: 'Decimal' },
          { name: 'score', type: 'Float', optional: true },
          { name: 'visits', type: 'BigInt', default: { kind: 'value', value: 0 } },
          { name: 'settings', type: 'Json', optional: true },
          { name: 'avatar', type: 'Bytes', optional: true },
          { name: 'tags', type: 'String', list: true },
          { name: 'createdAt', type: 'DateTime', default: { kind: 'now' } },
          { name: 'updatedAt', type: 'DateTime', updatedAt: true },
        ],
      },
      {
        name: 'Profile',
        description: 'What an account shows about itself.',
        file: 'accounts',
        fields: [
          { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
          { name: 'bio', type: 'String', optional: true },
          { name: 'accountId', type: 'String', unique: true },
          { name: 'account', type: 'Account', relation: { fields: ['accountId'], references: ['id'], onDelete: 'Cascade' } },
        ],
      },
      {
        name: 'Category',
        description: 'A tree of categories.',
        file: 'catalog',
        fields: [
          { name: 'id', type: 'String', id: true, default: { kind: 'uuid' } },
          { name: 'name', type: 'String' },
          { name: 'parentId', type: 'String', optional: true },
          { name: 'parent', type: 'Category', optional: true, relation: { name: 'CategoryTree', fields: ['parentId'], references: ['id'], onDelete: 'SetNull' } },
          { name: 'products', type: 'Product', list: true },
        ],
      },
      {
        name: 'Product',
        description: 'Something for sale.',
        file: 'catalog',
        fields: [
          { name: 'id', type: 'BigInt', id: true, default: { kind: 'autoincrement' } },
          { name: 'vendor', type: 'String' },
          { name: 'sku', type: 'String' },
          { name: 'price', type: 'Decimal' },
          { name: 'attributes', type: 'Json' },
          { name: 'categories', type: 'Category', list: true },
        ],
        uniques: [['vendor', 'sku']],
      },
      {
        name: 'OrderLine',
        description: 'One line of an order.',
        file: 'orders',
        fields: [
          { name: 'orderId', type: 'Int' },
          { name: 'lineNo', type: 'Int' },
          { name: 'status', type: 'OrderStatus', default: { kind: 'value', value: 'PENDING' } },
          { name: 'quantity', type: 'Int' },
          { name: 'productId', type: 'BigInt' },
          { name: 'product', type: 'Product', relation: { fields: ['productId'], references: ['id'] } },
          { name: 'buyerId', type: 'String', optional: true },
          { name: 'buyer', type: 'Account', optional: true, relation: { fields: ['buyerId'], references: ['id'], onDelete: 'SetNull' } },
        ],
        id: ['orderId', 'lineNo'],
      },
    ],
  };
}
