import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { TodosModule } from './todos/todos.module.js';

@Module({ imports: [PrismaModule, AuthModule, TodosModule] })
export class AppModule {}
