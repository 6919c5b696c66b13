/** Printed by project/app.ts from the modules of the API. */
export declare class AppModule {}
