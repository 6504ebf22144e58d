import { Modal, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../../api/client';
import type { ManualValue, ManualValueInputT } from '../../../api/types';
import { FormFooter } from '../../../components/FormFooter';
import { healthKeys } from '../../../components/health/queries';
import { fieldErrors, notifySuccess } from '../../../lib/errors';
import type { ManualMeasure } from './ManualMeasures';

const FIELDS = ['value', 'comment', 'expiresOn'] as const;

/** Sets one manual measure's value; saving refreshes the account's scores (and the list's health column). */
export function ManualValueModal({ accountId, measure, onClose }: { accountId: string; measure: ManualMeasure; onClose(): void }) {
  const current = measure.current;
  const queryClient = useQueryClient();
  const [value, setValue] = useState<number | string>(current?.value ?? '');
  const [comment, setComment] = useState(current?.comment ?? '');
  const [expiresOn, setExpiresOn] = useState(current?.expiresOn ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: ManualValueInputT) => api.put<ManualValue>(`/accounts/${accountId}/manual-measures/${measure.measureId}`, body),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: healthKeys.manual(accountId) });
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifySuccess(`Saved ${measure.name}`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const number = value === '' ? null : Number(value);
    if (number === null || Number.isNaN(number)) return setErrors({ value: 'is required' });
    if (number < measure.min || number > measure.max) return setErrors({ value: `must be between ${measure.min} and ${measure.max}` });
    setErrors({});
    save.mutate({ value: number, comment: comment.trim() || null, expiresOn: expiresOn || null });
  }

  const title = `Set ${measure.name}`;
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          <NumberInput
            label="Value"
            description={`From ${measure.min} (worst) to ${measure.max} (best)`}
            required
            min={measure.min}
            max={measure.max}
            // No silent clamping: an out-of-range value is named below rather than changed.
            clampBehavior="none"
            value={value}
            onChange={setValue}
            error={errors.value}
            data-autofocus
          />
          <Textarea
            label="Comment"
            description="Why this value: what you saw or heard"
            autosize
            minRows={2}
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={errors.comment}
          />
          <TextInput
            label="Expires on"
            description="After this day the value no longer counts; leave empty to keep it"
            type="date"
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            error={errors.expiresOn}
          />
          <FormFooter onCancel={onClose} saving={save.isPending} submitLabel="Save" />
        </Stack>
      </form>
    </Modal>
  );
}
