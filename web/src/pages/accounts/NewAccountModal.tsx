import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { CompanySizes, DeploymentStatuses } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { useMembers } from '../../api/queries';
import { useMe } from '../../api/session';
import type { AccountCreate, AccountDetail } from '../../api/types';
import { fieldErrors } from '../../lib/errors';
import { enumOptions, majorToMinor } from '../../lib/format';

const FIELDS = ['name', 'externalId', 'domain', 'industry', 'region', 'companySize', 'arrMinor', 'currency', 'deploymentStatus', 'ownerId'] as const;

/** The few fields that matter when adding an account; the account page edits the rest. */
export function NewAccountModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const me = useMe();
  const members = useMembers();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const currency = me.workspace.settings.currency;
  const [form, setForm] = useState({ name: '', externalId: '', domain: '', industry: '', region: '' });
  const [companySize, setCompanySize] = useState<string | null>(null);
  const [deploymentStatus, setDeploymentStatus] = useState<string | null>('starting_implementation');
  const [ownerId, setOwnerId] = useState<string | null>(me.user.id);
  const [arr, setArr] = useState<number | string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: (body: AccountCreate) => api.post<AccountDetail>('/accounts', body),
    onSuccess: (account) => {
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
      navigate(`/accounts/${account.id}`);
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    create.mutate({
      ...form,
      companySize: (companySize as AccountCreate['companySize']) ?? null,
      deploymentStatus: (deploymentStatus as AccountCreate['deploymentStatus']) ?? null,
      ownerId,
      currency,
      arrMinor: typeof arr === 'number' ? majorToMinor(arr, currency) : 0,
    });
  }

  const text = (key: keyof typeof form, label: string, required = false) => (
    <TextInput
      label={label}
      required={required}
      value={form[key]}
      error={errors[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [key]: value }));
      }}
    />
  );

  return (
    <Modal opened={opened} onClose={onClose} title="New account" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {text('name', 'Name', true)}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('externalId', 'External ID')}
            {text('domain', 'Domain')}
            {text('industry', 'Industry')}
            {text('region', 'Region')}
            <Select label="Company size" data={enumOptions(CompanySizes)} value={companySize} onChange={setCompanySize} clearable error={errors.companySize} />
            <NumberInput label={`ARR (${currency})`} min={0} thousandSeparator="," decimalScale={2} value={arr} onChange={setArr} error={errors.arrMinor} />
            <Select
              label="Deployment status"
              data={enumOptions(DeploymentStatuses)}
              value={deploymentStatus}
              onChange={setDeploymentStatus}
              clearable
              error={errors.deploymentStatus}
            />
            <Select
              label="Owner"
              data={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={ownerId}
              onChange={setOwnerId}
              clearable
              searchable
              error={errors.ownerId}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
