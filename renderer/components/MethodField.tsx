import { METHODOLOGIES, METHODOLOGY_LABELS, type Methodology } from '../../shared/domain/vocabulary';

/** The study's method: it names the codebook's levels and the reports' defaults. */
export function MethodField({ value, onChange }: { readonly value: Methodology; readonly onChange: (method: Methodology) => void }) {
  return (
    <label>
      Method
      <select value={value} onChange={(e) => onChange(e.target.value as Methodology)}>
        {METHODOLOGIES.map((m) => (
          <option key={m} value={m}>
            {METHODOLOGY_LABELS[m]}
          </option>
        ))}
      </select>
    </label>
  );
}
