/** Printed by auth/service.ts: sign-up and login of the project's actors. */
export declare class AuthService {}
