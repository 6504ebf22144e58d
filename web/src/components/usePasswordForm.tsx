import { PasswordInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';

/** The server's rule for new passwords, checked before sending so typos are caught at once. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * State and inputs of a form that sets a new password: the fields named in `keys` plus `newPassword`
 * and `repeat`, with errors per field (cleared as the person types) and the shared local checks.
 */
export function usePasswordForm<K extends string>(keys: readonly K[]) {
  type Key = K | 'newPassword' | 'repeat';
  const empty = Object.fromEntries([...keys, 'newPassword', 'repeat'].map((k) => [k, ''])) as Record<Key, string>;
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});

  function reset() {
    setForm(empty);
    setErrors({});
  }

  /** Errors of the new password and its repeat; `more` adds the form's own checks. Returns true when clean. */
  function validate(more: Record<string, string> = {}): boolean {
    const local = { ...more };
    if (form.newPassword.length < MIN_PASSWORD_LENGTH) local.newPassword = `Must be at least ${MIN_PASSWORD_LENGTH} characters`;
    if (form.repeat !== form.newPassword) local.repeat = 'The two new passwords differ';
    setErrors(local);
    return Object.keys(local).length === 0;
  }

  function field(key: Key, props: { label: string; autoComplete: string; description?: string; autoFocus?: boolean }): ReactNode {
    return (
      <PasswordInput
        label={props.label}
        description={props.description}
        autoComplete={props.autoComplete}
        required
        data-autofocus={props.autoFocus || undefined}
        value={form[key]}
        error={errors[key]}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setForm((f) => ({ ...f, [key]: value }));
          setErrors(({ [key]: _, ...rest }) => rest);
        }}
      />
    );
  }

  return { form, errors, setErrors, reset, validate, field };
}
