import { useId } from 'react';

export interface Option {
  value: string;
  label: string;
}

/** A labelled <select> for the filter bar; the first option is always "Any" (value ''). */
export function FilterSelect({ label, value, options, onChange, anyLabel }: { label: string; value: string; options: readonly Option[]; onChange: (value: string) => void; anyLabel?: string }) {
  const id = useId();
  return (
    <div className={`filter-field${value !== '' ? ' is-active' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
