import { Button, type ButtonProps, Group, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';

interface Props extends ButtonProps {
  /** The button's text (and accessible name). */
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<unknown> | undefined;
}

/** A destructive action behind a confirmation dialog. */
export function ConfirmButton({ children, title, message, confirmLabel, onConfirm, ...button }: Props) {
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button color="red" variant="light" {...button} onClick={() => setOpened(true)}>
        {children}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={title}>
        <Stack>
          <Text size="sm">{message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)} data-autofocus>
              Cancel
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  await onConfirm();
                  setOpened(false);
                } catch {
                  // The caller reports the failure; the dialog stays open to try again.
                } finally {
                  setBusy(false);
                }
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
