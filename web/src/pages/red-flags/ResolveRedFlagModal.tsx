import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { RedFlagKinds } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { RedFlag } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { invalidateRedFlags } from './actions';

/** Resolves a red flag with a note on what happened (csm and above). */
export function ResolveRedFlagModal({ flag, onClose }: { flag: RedFlag; onClose(): void }) {
  const queryClient = useQueryClient();
  const [resolution, setResolution] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const resolve = useMutation({
    mutationFn: () => api.patch<RedFlag>(`/red-flags/${flag.id}`, { status: 'resolved', resolution }),
    onSuccess: () => {
      invalidateRedFlags(queryClient);
      notifySuccess('Red flag resolved');
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, ['resolution'])),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    resolve.mutate();
  }
  return (
    <Modal opened onClose={onClose} title={`Resolve: ${RedFlagKinds.labels[flag.kind]} at ${flag.accountName}`}>
      <form onSubmit={submit} noValidate aria-label="Resolve red flag">
        <Stack>
          {flag.note && (
            <Text size="sm" c="dimmed">
              {flag.note}
            </Text>
          )}
          <Textarea
            label="Resolution"
            description="What happened, and what was done"
            autosize
            minRows={3}
            value={resolution}
            error={errors.resolution}
            onChange={(e) => setResolution(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={resolve.isPending}>
              Resolve
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
