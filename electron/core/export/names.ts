import type Database from 'better-sqlite3';
import type { PrintedName } from '../../../shared/api/methods/reports';
import { checkedExportNames } from '../repos/export-names-repo';

// Titles, session names and group names are written by people and often name people
// ("Interview 12 – Sara Jones"). In a pseudonymised export each such name prints either as the
// author checked it or, until checked, with participants' labels swapped for their pseudonyms;
// the report lists every name it printed, so the author sees them all before anything leaves.

export type NamePlace = PrintedName['places'][number];

export class ExportNames {
  private readonly checked: ReadonlyMap<string, string>;
  private readonly used = new Map<string, { printed: string; places: Set<NamePlace> }>();

  /** swap: free text with participants' labels replaced by pseudonyms; null when pseudonyms are off. */
  constructor(
    db: Database.Database,
    private readonly swap: ((text: string) => string) | null,
  ) {
    this.checked = swap ? checkedExportNames(db) : new Map();
  }

  /** The name as this export prints it; remembered for the list of names to check. */
  print(original: string, place: NamePlace): string {
    if (!this.swap || !original.trim()) return original;
    const seen = this.used.get(original);
    if (seen) {
      seen.places.add(place);
      return seen.printed;
    }
    const printed = this.checked.get(original) ?? this.swap(original);
    this.used.set(original, { printed, places: new Set([place]) });
    return printed;
  }

  /** Every name printed so far, unchecked ones first. */
  list(): PrintedName[] {
    const out = [...this.used].map(([original, u]) => ({ original, printed: u.printed, places: [...u.places], checked: this.checked.has(original) }));
    return out.sort((a, b) => Number(a.checked) - Number(b.checked));
  }

  unchecked(): PrintedName[] {
    return this.list().filter((n) => !n.checked);
  }
}
