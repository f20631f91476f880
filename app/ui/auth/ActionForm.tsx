'use client';
import { startTransition, useActionState, useEffect, useRef, type ReactNode } from 'react';
import type { ActionState } from '@/app/lib/auth/guard';

/**
 * A small form bound to one guarded server action, showing its answer beside the button. Used for
 * the review decisions, round controls and user management, which all answer {ok, message}.
 */
export function ActionForm({
  action,
  children,
  submit,
  okText,
  testId,
  className = 'inline-form',
  danger,
  confirm,
}: {
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  children?: ReactNode;
  submit: string;
  okText?: string;
  testId?: string;
  className?: string;
  danger?: boolean;
  /** Asked before sending, for steps that change what every unit may do or see. */
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  // Cleared once done, kept when refused so the text can be corrected.
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form
      ref={form}
      className={className}
      data-testid={testId}
      onSubmit={(e) => {
        // Not `action={…}`: a form action clears what was typed even when the server refuses it.
        e.preventDefault();
        // Checked first: a missing reason is said by the browser before anything is asked.
        if (confirm && !window.confirm(confirm)) return;
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {children}
      <button type="submit" className={danger ? 'button secondary' : 'button'} disabled={pending}>
        {submit}
      </button>
      <span aria-live="polite">
        {state ? (
          <span className={state.ok ? 'auth-ok' : 'auth-error'} role={state.ok ? 'status' : 'alert'}>
            {state.ok ? (state.message ?? okText ?? '✓') : state.message}
          </span>
        ) : null}
      </span>
    </form>
  );
}
