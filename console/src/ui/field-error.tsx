/** The message under a field that failed its check (shared schema or server), for screen readers and tests alike. */
export function FieldError({ error, testId, id }: { error?: string | null; testId: string; id?: string }) {
  if (!error) return null;
  return (
    <span className="field-error" id={id} data-testid={`${testId}-error`}>
      {error}
    </span>
  );
}
