import type { Queue } from "@switchboard/shared";
import { CopyButton } from "../invitations/copy-button";
import { useModal } from "../ui/use-modal";
import { chatEmbedSnippet } from "../widget/embed-snippet";

/** A chat queue's widget: the link to share and the one-line snippet to paste into a site (DESIGN.md §13). */
export function QueueEmbedDialog({ queue, onClose }: { queue: Queue; onClose: () => void }) {
  const ref = useModal();
  const origin = window.location.origin;
  const link = `${origin}${queue.widgetPath ?? ""}`;
  const snippet = chatEmbedSnippet(origin, queue.workspaceId, queue.id);
  return (
    <dialog ref={ref} className="dialog dialog-wide" data-testid="queue-embed-dialog" onCancel={onClose} aria-labelledby="queue-embed-title">
      <h2 id="queue-embed-title">Chat widget for {queue.name}</h2>
      <div className="form">
        <div className="field">
          <span className="field-label">Widget link</span>
          <div className="link-cell">
            <a href={link} target="_blank" rel="noreferrer" className="mono embed-link" data-testid="queue-widget-link">
              {link}
            </a>
            <CopyButton text={link} testId="queue-widget-link-copy" />
          </div>
          <span className="field-hint">Share it, or open it in an iframe of your own.</span>
        </div>
        <div className="field">
          <span className="field-label">Embed snippet</span>
          <pre className="snippet mono" data-testid="queue-embed-snippet">
            {snippet}
          </pre>
          <div>
            <CopyButton text={snippet} testId="queue-embed-snippet-copy" />
          </div>
          <span className="field-hint">Paste it before &lt;/body&gt; on your site: it adds a chat button in the corner.</span>
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" data-testid="queue-embed-close" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
