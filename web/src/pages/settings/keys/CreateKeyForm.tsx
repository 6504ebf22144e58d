import { Button, Group, Paper, TextInput } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

/** The "create a key" form: a name, any extra fields (`children`), and the submit button, with an optional intro above. */
export function CreateKeyForm({
  noun,
  nameLabel,
  placeholder,
  name,
  error,
  onName,
  onSubmit,
  creating,
  intro,
  children,
}: {
  /** e.g. "API key": the form is labelled, and its button reads, "Create API key". */
  noun: string;
  nameLabel: string;
  placeholder: string;
  name: string;
  error: string | undefined;
  onName(name: string): void;
  onSubmit(event: FormEvent): void;
  creating: boolean;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      {intro}
      <form onSubmit={onSubmit} noValidate aria-label={`Create ${noun}`}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={nameLabel}
            placeholder={placeholder}
            required
            value={name}
            error={error}
            onChange={(e) => onName(e.currentTarget.value)}
            style={{ flex: '1 1 240px' }}
          />
          {children}
          <Button type="submit" loading={creating}>
            Create {noun}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
