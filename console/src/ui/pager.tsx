interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  testId?: string;
}

export function Pager({ page, pageSize, total, onPage, testId = "pager" }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div className="pager" data-testid={testId}>
      <span className="muted" data-testid={`${testId}-summary`}>
        {from}–{to} of {total}
      </span>
      <button type="button" className="btn btn-small" data-testid={`${testId}-prev`} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span className="small">
        Page {page} of {pages}
      </span>
      <button type="button" className="btn btn-small" data-testid={`${testId}-next`} disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </div>
  );
}
