import { Link } from "react-router-dom";

export function NotFoundPage() {
  return (
    <div className="center-page">
      <div className="card">
        <h1>Page not found</h1>
        <p className="muted">The address may be mistyped, or the page has moved.</p>
        <Link to="/" className="btn btn-primary">
          Go to the console
        </Link>
      </div>
    </div>
  );
}
