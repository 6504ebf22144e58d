import { Autocomplete, Button, Divider, Fieldset, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CompanySizes, DeploymentStatuses, LifecyclePhases, RiskStatuses, TouchTiers } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { useFacets, useMembers } from '../../api/queries';
import type { AccountDetail, AccountPatch } from '../../api/types';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { enumOptions } from '../../lib/format';
import { CustomFieldsEditor } from './CustomFieldsEditor';
import { DRAFT_FIELDS, type Draft, toDraft, toPatch } from './draft';
import { ParentPicker } from './ParentPicker';

/** Every field of the account, edited in place and saved together. */
export function AccountForm({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const facets = useFacets();
  const members = useMembers();
  const [draft, setDraft] = useState<Draft>(() => toDraft(account));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const patch = toPatch(draft, account);
  const dirty = Object.keys(patch).length > 0;

  const save = useMutation({
    mutationFn: (body: AccountPatch) => api.patch<AccountDetail>(`/accounts/${account.id}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['accounts', 'detail', saved.id], saved);
      queryClient.invalidateQueries({ queryKey: ['accounts'], predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== saved.id });
      setDraft(toDraft(saved));
      notifySuccess('Account saved');
    },
    onError: (err) => setErrors(fieldErrors(err, DRAFT_FIELDS)),
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    const errorKey = key === 'arr' ? 'arrMinor' : key;
    if (errors[errorKey]) setErrors(({ [errorKey]: _, ...rest }) => rest);
  };
  const text = (key: 'name' | 'externalId' | 'domain', label: string) => (
    <TextInput label={label} required={key === 'name'} value={draft[key]} error={errors[key]} onChange={(e) => set(key, e.currentTarget.value)} />
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    save.mutate(patch);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Account details">
      <Fieldset disabled={!canEdit} variant="unstyled" className={canEdit ? undefined : 'kw-readonly'}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="md" verticalSpacing="sm">
            {text('name', 'Name')}
            {text('externalId', 'External ID')}
            {text('domain', 'Domain')}
            <Autocomplete
              label="Industry"
              data={facets.data?.industries ?? []}
              value={draft.industry}
              error={errors.industry}
              onChange={(v) => set('industry', v)}
            />
            <Autocomplete label="Region" data={facets.data?.regions ?? []} value={draft.region} error={errors.region} onChange={(v) => set('region', v)} />
            <Select
              label="Company size"
              data={enumOptions(CompanySizes)}
              value={draft.companySize}
              onChange={(v) => set('companySize', v)}
              clearable
              error={errors.companySize}
            />
            <NumberInput
              label={`ARR (${draft.currency || 'major units'})`}
              min={0}
              thousandSeparator=","
              decimalScale={2}
              value={draft.arr}
              onChange={(v) => set('arr', v)}
              error={errors.arrMinor}
            />
            <TextInput
              label="Currency"
              maxLength={3}
              value={draft.currency}
              error={errors.currency}
              onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
            />
            <TextInput
              label="Renewal date"
              type="date"
              value={draft.renewalDate}
              error={errors.renewalDate}
              onChange={(e) => set('renewalDate', e.currentTarget.value)}
            />
            <Select
              label="Deployment status"
              data={enumOptions(DeploymentStatuses)}
              value={draft.deploymentStatus}
              onChange={(v) => set('deploymentStatus', v)}
              clearable
              error={errors.deploymentStatus}
            />
            <Select
              label="Lifecycle phase"
              data={enumOptions(LifecyclePhases)}
              value={draft.lifecyclePhase}
              onChange={(v) => set('lifecyclePhase', v)}
              clearable
              error={errors.lifecyclePhase}
            />
            <Select
              label="Touch tier"
              data={enumOptions(TouchTiers)}
              value={draft.touchTier}
              onChange={(v) => set('touchTier', v)}
              clearable
              error={errors.touchTier}
            />
            <Select
              label="Owner"
              placeholder="Unassigned"
              data={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={draft.ownerId}
              onChange={(v) => set('ownerId', v)}
              clearable
              searchable
              error={errors.ownerId}
            />
            <ParentPicker
              accountId={account.id}
              value={draft.parentId}
              valueLabel={account.parentName}
              error={errors.parentId}
              onChange={(v) => set('parentId', v)}
            />
          </SimpleGrid>
          <MultiSelect
            label="Risk statuses"
            placeholder={draft.riskStatuses.length ? undefined : 'No known risks'}
            data={enumOptions(RiskStatuses)}
            value={draft.riskStatuses}
            onChange={(v) => set('riskStatuses', v)}
            clearable
            error={errors.riskStatuses}
          />
          <Divider />
          <CustomFieldsEditor rows={draft.customFields} disabled={!canEdit} error={errors.customFields} onChange={(rows) => set('customFields', rows)} />
        </Stack>
      </Fieldset>
      {canEdit && (
        <Group justify="flex-end" mt="md">
          <Button
            variant="default"
            disabled={!dirty || save.isPending}
            onClick={() => {
              setDraft(toDraft(account));
              setErrors({});
            }}
          >
            Discard changes
          </Button>
          <Button type="submit" disabled={!dirty} loading={save.isPending}>
            Save
          </Button>
        </Group>
      )}
    </form>
  );
}
