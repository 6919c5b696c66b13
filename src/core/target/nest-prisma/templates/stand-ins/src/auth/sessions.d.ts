import type { Request } from 'express';

/** Printed by auth/guards.ts (renderSessions), a session per actor with an account; what templates use of it. */
export interface MemberSession {
  actor: 'member';
  id: number;
  email: string;
}
export type Session = MemberSession;
export type AuthenticatedRequest = Request & { caller?: Session };
