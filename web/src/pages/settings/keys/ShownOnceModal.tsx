import { Alert, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/** The dialog that shows a new key its only time; `keep` says where to store it. */
export function ShownOnceModal<C>({
  created,
  onClose,
  title,
  size,
  keep,
  children,
}: {
  created: C | null;
  onClose(): void;
  title: string;
  size: 'lg' | 'xl';
  keep: string;
  children(created: C): ReactNode;
}) {
  return (
    <Modal opened={created !== null} onClose={onClose} title={title} size={size}>
      {created !== null && (
        <Stack>
          <Alert color="yellow" title="Copy it now">
            This is the only time Keepwell shows this key. {keep}; if it is lost, revoke it and create another.
          </Alert>
          {children(created)}
        </Stack>
      )}
    </Modal>
  );
}
