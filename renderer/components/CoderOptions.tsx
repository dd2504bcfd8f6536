import type { Coder } from '../../shared/api/entities';

/** One <option> per person who codes (the consensus is a choice of its own), for selects of whose codings to show. */
export function CoderOptions({ coders }: { readonly coders: readonly Coder[] }) {
  return (
    <>
      {coders
        .filter((c) => c.role !== 'consensus')
        .map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
    </>
  );
}
