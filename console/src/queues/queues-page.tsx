import type { Queue } from "@switchboard/shared";
import { useState } from "react";
import { useWorkspace } from "../app/session-context";
import { useResource } from "../lib/use-resource";
import { useTeams } from "../teams/use-teams";
import { ConfirmDeleteDialog } from "../ui/confirm-delete-dialog";
import { ErrorBanner } from "../ui/error-banner";
import { useConfirmedDelete } from "../ui/use-confirmed-delete";
import { Loading } from "../ui/loading";
import { PageHeader } from "../ui/page-header";
import { QueueBoard } from "./queue-board";
import { QueueEmbedDialog } from "./queue-embed-dialog";
import { QueueFormDialog } from "./queue-form-dialog";
import { deleteQueue, listQueues } from "./queues.api";
import { useQueueStats } from "./use-queue-stats";
import "./queues.css";

/** /queues: the live board and the queues themselves (DESIGN.md §10); the server scopes both per §5. */
export function QueuesPage() {
  const { workspaceId, allows } = useWorkspace();
  const { nameOf: teamName } = useTeams();
  const { data, error, loading, reload } = useResource((signal) => listQueues(workspaceId, signal), workspaceId);
  const stats = useQueueStats();
  const [editing, setEditing] = useState<Queue | "new" | null>(null);
  const [embedding, setEmbedding] = useState<Queue | null>(null);
  const removal = useConfirmedDelete((queue: Queue) => deleteQueue(workspaceId, queue.id), reload);
  const queues = data?.items ?? [];

  return (
    <section className="page">
      <PageHeader
        title="Queues"
        count={{ total: data?.total, noun: "queue", testId: "queues-total" }}
        actions={
          allows("queues.manage") ? (
            <button type="button" className="btn btn-primary" data-testid="queue-new" onClick={() => setEditing("new")}>
              New queue
            </button>
          ) : null
        }
      />
      <ErrorBanner error={error ?? stats.error} />
      {loading && !data ? <Loading /> : <QueueBoard queues={queues} stats={stats} />}
      <h2 className="section-title">Configuration</h2>
      <table className="table" data-testid="queues-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Channel</th>
            <th>Teams</th>
            <th>Requires</th>
            <th className="num">Offer</th>
            <th className="num">Wrap-up</th>
            <th className="num">Target</th>
            <th>Reached at</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr key={q.id} data-testid="queues-row" data-queue-id={q.id}>
              <td className="strong">{q.name}</td>
              <td>{q.channel === "chat" ? "Chat" : "Phone"}</td>
              <td>{q.teams.map(teamName).join(", ")}</td>
              <td className="small">
                {q.skills.length > 0 ? <div>Skills: {q.skills.join(", ")}</div> : null}
                {q.languages.length > 0 ? <div>Languages: {q.languages.join(", ")}</div> : null}
                {q.skills.length + q.languages.length === 0 ? <span className="muted">—</span> : null}
              </td>
              <td className="num">{q.offerTimeoutSeconds}s</td>
              <td className="num">{q.wrapUpSeconds}s</td>
              <td className="num">{q.serviceLevelSeconds}s</td>
              <td>
                {q.channel === "phone" ? (
                  <span className="mono" data-testid="queue-number-cell">
                    {q.number}
                  </span>
                ) : (
                  <button type="button" className="btn btn-small" data-testid="queue-embed" onClick={() => setEmbedding(q)}>
                    Widget & snippet
                  </button>
                )}
              </td>
              <td>
                <div className="actions">
                  {q.canManage ? (
                    <>
                      <button type="button" className="btn btn-small" data-testid="queue-edit" aria-label={`Edit ${q.name}`} onClick={() => setEditing(q)}>
                        Edit
                      </button>
                      <button type="button" className="btn btn-small btn-danger-ghost" data-testid="queue-delete" aria-label={`Delete ${q.name}`} onClick={() => removal.ask(q)}>
                        Delete
                      </button>
                    </>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
          {queues.length === 0 && !loading ? (
            <tr>
              <td colSpan={9} className="empty" data-testid="queues-empty">
                No queues yet. A queue is where chats and calls wait for an agent of its teams.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {editing ? (
        <QueueFormDialog
          queue={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            reload();
            // A new chat queue's next step is putting the widget on a site.
            if (editing === "new" && saved.channel === "chat") setEmbedding(saved);
          }}
        />
      ) : null}
      {embedding ? <QueueEmbedDialog queue={embedding} onClose={() => setEmbedding(null)} /> : null}
      <ConfirmDeleteDialog removal={removal} noun="queue">
        Nothing new is routed through it and its widget stops taking chats. Past interactions stay in the history.
      </ConfirmDeleteDialog>
    </section>
  );
}
