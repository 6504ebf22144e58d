import { Button, Code, FileInput, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { MAX_IMPORT_BYTES } from '../../../../src/modules/csv/contracts';
import { ApiError, request } from '../../api/client';
import type { ImportReport, MetricImportReport } from '../../api/types';
import { notifyError } from '../../lib/errors';
import { ImportReportView } from './ImportReportView';

type Kind = 'accounts' | 'contacts' | 'metrics';
type Report = ImportReport | MetricImportReport;

/** Where each kind of file goes, and what its rows mean. */
const targets: Record<Kind, { path: string; help: ReactNode }> = {
  accounts: {
    path: '/imports/accounts',
    help: 'Rows are matched by external ID: existing accounts are updated, new ones created.',
  },
  contacts: {
    path: '/imports/contacts',
    help: 'Rows are matched by external ID, then email: existing contacts are updated, new ones created.',
  },
  metrics: {
    path: '/metrics/import',
    help: (
      <>
        One value per row, from a support desk, billing or CRM export. Columns: <Code>account_external_id</Code> (or <Code>account_id</Code>), <Code>date</Code>{' '}
        (YYYY-MM-DD), <Code>metric</Code> (a metric key defined under Settings → Metrics) and <Code>value</Code> (a number). A value for the same account,
        metric and date replaces the one stored.
      </>
    ),
  },
};

/** Dry run first; the real import is offered only for a file with no invalid row. */
export function ImportPanel({ canImport }: { canImport: boolean }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('accounts');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  async function run(dryRun: boolean) {
    if (!file) return setFileError('Choose a CSV file first');
    if (file.size > MAX_IMPORT_BYTES) return setFileError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    setBusy(dryRun ? 'check' : 'import');
    try {
      const content = await file.text();
      const result = await request<Report>('POST', targets[kind].path, { query: { dryRun }, text: { content, type: 'text/csv' } });
      setReport(result);
      if (result.applied) {
        queryClient.invalidateQueries({ queryKey: [kind] });
        queryClient.invalidateQueries({ queryKey: ['accounts'] });
        if (kind === 'metrics') queryClient.invalidateQueries({ queryKey: ['kpis'] });
      }
    } catch (err) {
      // A refused import answers 400 with the same report: show it like a dry run's.
      const body = err instanceof ApiError ? (err.body as { report?: Report } | null) : null;
      if (body?.report) setReport(body.report);
      else notifyError(err, 'Import failed');
    } finally {
      setBusy(null);
    }
  }

  const clean = report && !report.applied && report.errors.length === 0 && report.dryRun;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-title">
      <Stack>
        <div>
          <Title order={2} size="h4" id="import-title">
            Import from CSV
          </Title>
          <Text size="sm" c="dimmed">
            Check a file first: if any row is invalid, nothing is imported.
          </Text>
        </div>
        {!canImport && <Text size="sm">Your role is read-only; ask a CSM or an admin to import files.</Text>}
        <Group align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="import-kind-label">
              What to import
            </Text>
            <SegmentedControl
              aria-labelledby="import-kind-label"
              value={kind}
              onChange={(v) => {
                setKind(v as Kind);
                setReport(null);
              }}
              data={[
                { value: 'accounts', label: 'Accounts' },
                { value: 'contacts', label: 'Contacts' },
                { value: 'metrics', label: 'Metric values' },
              ]}
              disabled={!canImport}
            />
          </Stack>
          <FileInput
            label="CSV file"
            placeholder="Choose a .csv file"
            accept=".csv,text/csv"
            clearable
            value={file}
            error={fileError}
            disabled={!canImport}
            onChange={(f) => {
              setFile(f);
              setReport(null);
              setFileError(null);
            }}
            style={{ flex: '1 1 260px' }}
          />
          <Button variant="default" onClick={() => run(true)} loading={busy === 'check'} disabled={!canImport || busy !== null}>
            Check file (dry run)
          </Button>
          {clean && (
            <Button onClick={() => run(false)} loading={busy === 'import'} disabled={busy !== null}>
              Import {report.rowCount} rows
            </Button>
          )}
        </Group>
        <Text size="sm" data-testid="import-help">
          {targets[kind].help}
        </Text>
        {report && <ImportReportView report={report} />}
      </Stack>
    </Paper>
  );
}
