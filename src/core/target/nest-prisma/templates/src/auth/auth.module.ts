import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { loadEnvironment } from '../config/environment.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { MemberGuard } from './guards.js'; // @strata slot guardImport

// JWT_SECRET (required in production, checked at start) and JWT_EXPIRES_IN; see src/config/environment.ts.
const { JWT_SECRET, JWT_EXPIRES_IN } = loadEnvironment();

/** Global, so any feature module can put `@UseGuards(MemberGuard)` on its routes. */ // @strata slot doc
@Global()
@Module({
  imports: [
    JwtModule.register({
      secret: JWT_SECRET,
      signOptions: { algorithm: 'HS256', expiresIn: JWT_EXPIRES_IN },
      verifyOptions: { algorithms: ['HS256'] },
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, MemberGuard], // @strata slot providers
  exports: [JwtModule, MemberGuard], // @strata slot exports
})
export class AuthModule {}
