import { PrismaPg } from '@prisma/adapter-pg';
import { withLiteralLikes } from './literal-likes.js';

/** `PrismaPg` with Prisma's text filters literal and ignoring case, as on SQLite (see literal-likes.ts). */
export class PostgresAdapterFactory extends PrismaPg {
  override async connect(): ReturnType<PrismaPg['connect']> {
    return withLiteralLikes(await super.connect());
  }
}
