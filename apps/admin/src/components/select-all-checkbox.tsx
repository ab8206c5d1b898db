/** A header checkbox: ticked when every row is, a dash (indeterminate) when only some are. */
export function SelectAllCheckbox({
  state,
  label,
  onChange,
}: {
  state: 'none' | 'some' | 'all';
  label: string;
  onChange: () => void;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={state === 'all'}
      // `indeterminate` is a property only, with no attribute React could set.
      ref={(element) => {
        if (element) element.indeterminate = state === 'some';
      }}
      onChange={onChange}
    />
  );
}
