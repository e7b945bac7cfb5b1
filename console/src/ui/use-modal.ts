import { useEffect, useRef } from "react";

/**
 * A <dialog> shown modal while its component is mounted and closed when it unmounts: the ref to
 * put on the element. showModal gives focus trapping, Escape (onCancel) and the backdrop.
 */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
