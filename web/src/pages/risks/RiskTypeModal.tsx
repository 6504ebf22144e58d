import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { RiskCategories, RiskStatuses } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { RiskType } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { enumOptions } from '../../lib/format';
import { invalidateRisks } from './RiskModal';

const FIELDS = ['label', 'category', 'description', 'riskStatus'] as const;

/** Adds a type to the catalog or edits one (managers). */
export function RiskTypeModal({ type, onClose }: { type: RiskType | null; onClose(): void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    label: type?.label ?? '',
    category: type?.category ?? 'custom',
    description: type?.description ?? '',
    riskStatus: type?.riskStatus ?? null,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: typeof form) => (type ? api.patch<RiskType>(`/risk-types/${type.id}`, body) : api.post<RiskType>('/risk-types', body)),
    onSuccess: (saved) => {
      invalidateRisks(queryClient);
      notifySuccess(type ? `Saved “${saved.label}”` : `Added “${saved.label}”`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    save.mutate(form);
  }
  return (
    <Modal opened onClose={onClose} title={type ? `Edit ${type.label}` : 'Add a risk type'}>
      <form onSubmit={submit} noValidate aria-label={type ? 'Edit risk type' : 'Add a risk type'}>
        <Stack>
          <TextInput label="Label" required value={form.label} error={errors.label} onChange={(e) => setForm({ ...form, label: e.currentTarget.value })} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Category"
              data={enumOptions(RiskCategories)}
              value={form.category}
              allowDeselect={false}
              error={errors.category}
              onChange={(v) => setForm({ ...form, category: (v ?? 'custom') as RiskType['category'] })}
            />
            <Select
              label="Puts this status on the account"
              placeholder="None"
              clearable
              data={enumOptions(RiskStatuses)}
              value={form.riskStatus}
              error={errors.riskStatus}
              onChange={(v) => setForm({ ...form, riskStatus: v as RiskType['riskStatus'] })}
            />
          </SimpleGrid>
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={form.description}
            error={errors.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {type ? 'Save' : 'Add type'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
