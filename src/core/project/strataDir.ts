/** Where Strata keeps its own state inside a generated project (its layout: strataProject.ts). Apart, so the lock and the transaction read it without the project model. */
export const STRATA_DIR = '.strata';
