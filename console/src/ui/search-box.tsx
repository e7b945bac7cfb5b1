interface SearchBoxProps {
  value: string;
  onChange: (text: string) => void;
  placeholder: string;
  label: string;
  testId: string;
}

/** The one search field of the console's lists and pickers. */
export function SearchBox({ value, onChange, placeholder, label, testId }: SearchBoxProps) {
  return <input type="search" className="search" placeholder={placeholder} aria-label={label} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} />;
}
