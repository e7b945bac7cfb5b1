/** Menu entries whose pages arrive with later issues (settings, contacts, live presence). */
export function ComingLaterPage({ title, description }: { title: string; description: string }) {
  return (
    <section className="page">
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <div className="empty" data-testid="coming-later">
        {description}
      </div>
    </section>
  );
}
