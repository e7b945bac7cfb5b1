import type { Queue, QueueStatsItem } from "@switchboard/shared";
import { formatDuration } from "../presence/presence-format";
import { useNow } from "../presence/use-presence";
import { CONNECTION_LABEL } from "../presence/presence-socket";
import type { LiveQueueStats } from "./use-queue-stats";

const EMPTY: Omit<QueueStatsItem, "queueId"> = { waiting: 0, longestWaitSeconds: 0, available: 0, busy: 0, wrapUp: 0, away: 0 };

/** Per queue: who waits and for how long, and where the queue's agents are (DESIGN.md §15 wallboard figures). */
export function QueueBoard({ queues, stats }: { queues: readonly Queue[]; stats: LiveQueueStats }) {
  const now = useNow();
  return (
    <section className="queue-board" data-testid="queue-board" aria-label="Live queue board">
      <header className="queue-board-head">
        <h2>Live board</h2>
        <span className={`live-state live-${stats.connection}`} data-testid="queue-board-connection">
          {CONNECTION_LABEL[stats.connection]}
        </span>
      </header>
      <div className="queue-cards">
        {queues.length === 0 ? <div className="empty">No queues yet.</div> : null}
        {queues.map((queue) => {
          const item = stats.byQueue.get(queue.id) ?? { queueId: queue.id, ...EMPTY };
          // The server pushes when something changes; between pushes the oldest customer keeps waiting.
          const longestMs = item.waiting > 0 ? item.longestWaitSeconds * 1000 + (now - stats.at) : 0;
          return (
            <article key={queue.id} className="panel queue-card" data-testid="queue-card" data-queue-id={queue.id}>
              <div className="queue-card-title">
                <span className="strong">{queue.name}</span>
                <span className="pill">{queue.channel === "chat" ? "Chat" : "Phone"}</span>
              </div>
              <div className="queue-card-main">
                <Figure label="Waiting" value={String(item.waiting)} testId="queue-waiting" tone={item.waiting > 0 ? "warn" : undefined} />
                <Figure label="Longest wait" value={item.waiting > 0 ? formatDuration(longestMs) : "—"} testId="queue-longest" />
              </div>
              <div className="queue-card-agents">
                <Figure label="Available" value={String(item.available)} testId="queue-available" tone="ok" small />
                <Figure label="Busy" value={String(item.busy)} testId="queue-busy" small />
                <Figure label="Wrap-up" value={String(item.wrapUp)} testId="queue-wrapup" small />
                <Figure label="Away" value={String(item.away)} testId="queue-away" small />
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}

function Figure({ label, value, testId, tone, small }: { label: string; value: string; testId: string; tone?: "ok" | "warn"; small?: boolean }) {
  return (
    <div className={`figure${small ? " figure-small" : ""}${tone ? ` figure-${tone}` : ""}`}>
      <div className="figure-value" data-testid={testId}>
        {value}
      </div>
      <div className="figure-label">{label}</div>
    </div>
  );
}
