// @nestjs/jwt is a dependency of the generated project (12.0.2, project/packageJson.ts), not of Strata:
// the part of it templates use, as that version declares it.
declare module '@nestjs/jwt' {
  import type { DynamicModule } from '@nestjs/common';

  export interface JwtModuleOptions {
    secret?: string;
    signOptions?: { algorithm?: string; expiresIn?: string | number };
    verifyOptions?: { algorithms?: string[] };
  }
  export declare class JwtModule {
    static register(options: JwtModuleOptions): DynamicModule;
  }
  export declare class JwtService {
    signAsync(payload: string | Buffer | object): Promise<string>;
    verifyAsync<T extends object = any>(token: string): Promise<T>;
  }
}
