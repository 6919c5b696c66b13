/** The Analyze phase's artifact: who uses the backend and what it must do, as sections later phases retrieve. */
export type ActorKind = 'guest' | 'member' | 'admin';

export interface Actor {
  /** camelCase role name, e.g. `member`; guards and tests are named after it. */
  name: string;
  kind: ActorKind;
  description: string;
}

export interface RequirementSection {
  /** kebab-case, stable: files and retrieval refer to it. */
  id: string;
  title: string;
  /** What the section requires, in plain prose (Markdown). */
  body: string;
  /** Actors this section concerns. */
  actors: string[];
  /** Testable business rules, one statement each (e.g. "A due date cannot be before the creation date"). */
  rules: string[];
}

export interface AnalyzeArtifact {
  title: string;
  summary: string;
  actors: Actor[];
  sections: RequirementSection[];
}
