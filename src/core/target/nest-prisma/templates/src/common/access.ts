import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

const PUBLIC = 'strata:public';
const ACTOR_GUARD = 'strata:actor-guard';
/** Where `@UseGuards()` keeps a route's guards (GUARDS_METADATA of @nestjs/common). */
const GUARDS = '__guards__';

/** A route anyone may call without signing in. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Marks a guard that admits the accounts of named actors (src/auth/guards.ts): a route using one declares who may call it. */
export const ActorGuard = () => SetMetadata(ACTOR_GUARD, true);

/**
 * Global: refuses (403) every route that neither is `@Public()` nor names the actors it admits with
 * `@UseGuards(<Actor>Guard)`, so a route added without a thought for access is closed, not open. Other
 * guards (a throttle, a feature flag) do not count: they say nothing of who may call.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC, targets)) return true;
    const guards = this.reflector.getAllAndMerge<unknown[]>(GUARDS, targets) ?? [];
    const actorGuard = (guard: unknown) => {
      const type = typeof guard === 'function' ? guard : (guard as object | null)?.constructor;
      return typeof type === 'function' && this.reflector.get<boolean | undefined>(ACTOR_GUARD, type) === true;
    };
    if (guards.some(actorGuard)) return true;
    throw new ForbiddenException('This route declares no actor that may call it');
  }
}
