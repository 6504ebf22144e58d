import { Button, Fieldset, Group, Paper, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Workspace } from '../../api/types';
import { ErrorState, PageSkeleton } from '../../components/States';
import { fieldErrors, notifySuccess } from '../../lib/errors';
import { majorToMinor, minorToMajor } from '../../lib/format';
import { type CadenceDraft, EngagementFields, engagementProblems } from './EngagementFields';
import { type BandRow, RevenueBandsEditor } from './RevenueBandsEditor';

export function WorkspacePanel({ admin }: { admin: boolean }) {
  const workspace = useQuery({ queryKey: ['workspace'], queryFn: () => api.get<Workspace>('/workspace') });
  if (workspace.isPending) return <PageSkeleton label="Loading workspace settings" />;
  if (workspace.isError) return <ErrorState error={workspace.error} title="Could not load workspace settings" onRetry={() => workspace.refetch()} />;
  return <WorkspaceForm key={workspace.dataUpdatedAt} workspace={workspace.data} admin={admin} />;
}

function WorkspaceForm({ workspace, admin }: { workspace: Workspace; admin: boolean }) {
  const queryClient = useQueryClient();
  const { currency: savedCurrency, revenueBands } = workspace.settings;
  const [autoCreate, setAutoCreate] = useState(workspace.settings.autoCreateAccountsFromGroup);
  const [name, setName] = useState(workspace.name);
  const [currency, setCurrency] = useState(savedCurrency);
  const [bands, setBands] = useState<BandRow[]>(
    revenueBands.map((b) => ({ label: b.label, upTo: b.upToMinor === null ? null : minorToMajor(b.upToMinor, savedCurrency) })),
  );
  const [cadence, setCadence] = useState<CadenceDraft>(workspace.settings.touchCadenceDays);
  const [followUp, setFollowUp] = useState<number | string>(workspace.settings.requestFollowUpDays);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: () =>
      api.patch<Workspace>('/workspace', {
        name,
        settings: {
          currency,
          autoCreateAccountsFromGroup: autoCreate,
          touchCadenceDays: { high: Number(cadence.high), medium: Number(cadence.medium), tech: Number(cadence.tech) },
          requestFollowUpDays: Number(followUp),
          revenueBands: bands.map((b, i) => ({
            label: b.label,
            upToMinor: i === bands.length - 1 || b.upTo === null || b.upTo === '' ? null : majorToMinor(Number(b.upTo), currency),
          })),
        },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['workspace'], saved);
      // The header, filters and revenue bands in lists all read the workspace from the session.
      queryClient.invalidateQueries({ queryKey: ['me'] });
      queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifySuccess('Workspace settings saved');
    },
    onError: (err) =>
      setErrors(
        fieldErrors(err, [
          'name',
          'settings.currency',
          'settings.revenueBands',
          'settings.autoCreateAccountsFromGroup',
          'settings.touchCadenceDays.high',
          'settings.touchCadenceDays.medium',
          'settings.touchCadenceDays.tech',
          'settings.touchCadenceDays',
          'settings.requestFollowUpDays',
          'settings',
        ]),
      ),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = engagementProblems(cadence, followUp);
    setErrors(problems);
    if (Object.keys(problems).length === 0) save.mutate();
  }

  return (
    <Paper withBorder p="md" maw={640}>
      <form onSubmit={submit} noValidate aria-label="Workspace settings">
        <Fieldset disabled={!admin} variant="unstyled" className={admin ? undefined : 'kw-readonly'}>
          <Stack>
            <TextInput label="Workspace name" required value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} />
            <TextInput
              label="Default currency"
              description="Three-letter ISO code for new accounts and revenue bands, e.g. USD or EUR."
              maxLength={3}
              styles={{ input: { maxWidth: 200 } }}
              value={currency}
              error={errors['settings.currency']}
              onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
            />
            <RevenueBandsEditor
              rows={bands}
              currency={currency}
              disabled={!admin}
              error={errors['settings.revenueBands'] ?? errors.settings}
              onChange={setBands}
            />
            <Switch
              label="Create accounts from usage data"
              description="When your product sends a Segment group call whose groupId matches no account, create the account (named by traits.name) instead of keeping the data as unmatched. Leave it off when accounts come from your CRM, so a typo in a groupId cannot create a stray account."
              checked={autoCreate}
              onChange={(e) => setAutoCreate(e.currentTarget.checked)}
              error={errors['settings.autoCreateAccountsFromGroup']}
            />
            <EngagementFields cadence={cadence} followUp={followUp} errors={errors} onCadence={setCadence} onFollowUp={setFollowUp} />
          </Stack>
        </Fieldset>
        {admin && (
          <Group justify="flex-end" mt="md">
            <Button type="submit" loading={save.isPending}>
              Save workspace settings
            </Button>
          </Group>
        )}
      </form>
    </Paper>
  );
}
