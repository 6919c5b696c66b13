import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { AuthController } from './auth.controller.js';
import { UserAuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';

@Global()
@Module({
  imports: [
    JwtModule.register({
      // Without JWT_SECRET a random per-process secret is used (tokens die with the process).
      secret: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
      signOptions: { expiresIn: '12h' },
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, UserAuthGuard],
  exports: [JwtModule, UserAuthGuard],
})
export class AuthModule {}
