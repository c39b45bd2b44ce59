import { X } from 'lucide-react';
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusTrap } from './use-focus-trap';

/**
 * A modal dialog on the native <dialog>: showModal() makes the rest of the page inert, the
 * focus trap keeps Tab inside, Escape closes. Rendered only while open. A confirmation passes
 * `role="alertdialog"`, what it is about as `describedBy`, and the safe choice as `initialFocus`
 * (otherwise the first focusable element, the close button, gets focus).
 */
export function Dialog({
  title,
  onClose,
  children,
  className,
  role,
  describedBy,
  initialFocus,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  role?: 'alertdialog';
  describedBy?: string;
  initialFocus?: RefObject<HTMLElement | null>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);
  useFocusTrap(ref, true);

  useEffect(() => {
    const dialog = ref.current!;
    // Escape fires `cancel`; we close through React state instead of letting the element close itself.
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    // If the browser closes it anyway (a second Escape is not cancellable), keep state in step.
    // (A `close` queued by an earlier close() while the dialog has since reopened is stale: ignore it.)
    const onNativeClose = () => {
      if (!dialog.open) onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
    };
  }, []);

  return (
    <dialog ref={ref} className={`dialog${className ? ` ${className}` : ''}`} role={role} aria-labelledby={titleId} aria-describedby={describedBy} data-testid={testId}>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('app.close')} title={t('app.close')} onClick={onClose}>
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
