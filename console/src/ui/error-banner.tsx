import { errorMessage } from "../lib/api";

export function ErrorBanner({ error, testId = "error-banner" }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid={testId}>
      {errorMessage(error)}
    </div>
  );
}
