/** A search box; its placeholder says what it searches and doubles as its label unless one is given. */
export function SearchInput({ value, onChange, placeholder, label, testId }: { value: string; onChange: (text: string) => void; placeholder: string; label?: string; testId: string }) {
  return <input type="search" className="search" placeholder={placeholder} aria-label={label ?? placeholder} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} />;
}
