/** Printed by auth/service.ts: the sign-up and login routes of the project's actors. */
export declare class AuthController {}
