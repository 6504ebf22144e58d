import { Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMe, useSession } from '../api/session';
import { notifyError } from '../lib/errors';

/** The current workspace's name; a picker when the person belongs to several. */
export function WorkspaceSwitcher() {
  const me = useMe();
  const { switchWorkspace } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  if (me.workspaces.length < 2) {
    return (
      <Text size="sm" c="dimmed" truncate maw={260}>
        {me.workspace.name}
      </Text>
    );
  }

  return (
    <Select
      aria-label="Workspace"
      size="xs"
      w={220}
      data={me.workspaces.map((w) => ({ value: w.id, label: w.name }))}
      value={me.workspace.id}
      allowDeselect={false}
      disabled={busy}
      onChange={async (id) => {
        if (!id || id === me.workspace.id) return;
        setBusy(true);
        try {
          await switchWorkspace(id);
          navigate('/accounts');
        } catch (err) {
          notifyError(err, 'Could not switch workspace');
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}
