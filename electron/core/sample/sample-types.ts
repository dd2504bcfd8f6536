import type { AttributeType, DocumentKind, Methodology, NodeLevel } from '../../../shared/domain/vocabulary';

// The sample study is written as plain data; `load-sample.ts` turns it into a project.
// Keys tie things together inside the data; the loader gives every row a fresh UUID.

export interface SampleCoder {
  readonly key: string;
  readonly name: string;
  readonly initials: string;
  readonly colour: string;
  readonly role: 'coder' | 'resolver';
}

export interface SampleAttribute {
  readonly key: string;
  readonly name: string;
  readonly type: AttributeType;
  readonly choices?: readonly string[];
}

export interface SampleParticipant {
  readonly key: string;
  /** As spoken in the transcript, e.g. "P3" or "Facilitator". */
  readonly label: string;
  /** Used in exports, e.g. "Mentee 3". */
  readonly pseudonym: string;
  /** A realistic real name, so tests can check it never leaks into pseudonymised exports. */
  readonly realName: string;
  /** Attribute key → value (numbers and booleans as strings, dates ISO). */
  readonly values: Readonly<Record<string, string>>;
  readonly facilitator?: boolean;
}

export interface SampleUnit {
  /** The exact words of the meaning unit; the turn's text is its units joined by one space. */
  readonly text: string;
  readonly condensed: string;
  /** Coder key → code keys that coder applied. A unit nobody coded has {}. */
  readonly codes: Readonly<Record<string, readonly string[]>>;
}

export interface SampleTurn {
  readonly speaker: string; // participant key
  readonly timestamp: string; // HH:MM:SS
  readonly units: readonly SampleUnit[];
}

export interface SampleDocument {
  readonly key: string;
  readonly title: string;
  readonly kind: DocumentKind;
  readonly group: string;
  readonly sessionName: string;
  readonly sessionDate: string;
  readonly facilitator: string;
  readonly durationMinutes: number;
  readonly notes: string;
  readonly turns: readonly SampleTurn[];
}

export interface SampleNode {
  readonly key: string;
  readonly level: NodeLevel;
  readonly name: string;
  readonly definition: string;
  readonly inclusion: string;
  readonly exclusion: string;
  readonly colour: string;
  readonly children?: readonly SampleNode[];
}

export interface SampleMemo {
  readonly target: { readonly type: 'project' | 'document' | 'node' | 'participant'; readonly key: string | null };
  readonly author: string; // coder key
  readonly title: string;
  readonly body: string;
}

export interface SampleStudy {
  readonly title: string;
  readonly description: string;
  readonly methodology: Methodology;
  readonly coders: readonly SampleCoder[];
  readonly attributes: readonly SampleAttribute[];
  readonly participants: readonly SampleParticipant[];
  readonly documents: readonly SampleDocument[];
  readonly codebook: readonly SampleNode[];
  readonly memos: readonly SampleMemo[];
  /** Exemplar quotes: a codebook node and the opening words of the unit that illustrates it. */
  readonly quotes: readonly { readonly node: string; readonly unitStartsWith: string }[];
  readonly journal: readonly { readonly date: string; readonly author: string; readonly body: string }[];
}
