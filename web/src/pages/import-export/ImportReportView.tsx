import { Alert, Group, Table, Text } from '@mantine/core';
import type { ImportReport, MetricImportReport } from '../../api/types';

/** What a dry run (or a refused import) found: counts, then every invalid cell. */
export function ImportReportView({ report }: { report: ImportReport | MetricImportReport }) {
  const invalidRows = new Set(report.errors.map((e) => e.row)).size;
  const summary = (
    <Group gap="lg">
      <Text size="sm">
        <b>{report.rowCount}</b> rows read
      </Text>
      <Text size="sm">
        <b>{report.created}</b> {report.applied ? 'created' : 'to create'}
      </Text>
      <Text size="sm">
        <b>{report.updated}</b> {report.applied ? 'updated' : 'to update'}
      </Text>
    </Group>
  );

  if (report.applied) {
    return (
      <Alert color="teal" title="Import complete" role="status">
        {summary}
      </Alert>
    );
  }
  if (report.errors.length === 0) {
    return (
      <Alert color="teal" title="The file is valid" role="status">
        {summary}
        <Text size="sm" mt="xs">
          Nothing has been imported yet: choose Import to write these rows.
        </Text>
      </Alert>
    );
  }
  return (
    <>
      <Alert color="red" title={`${invalidRows} invalid row${invalidRows === 1 ? '' : 's'}: nothing was imported`} role="alert">
        {summary}
        <Text size="sm" mt="xs">
          Fix these cells in the file (rows count from 1 = the first row after the header) and check it again.
        </Text>
      </Alert>
      <Table.ScrollContainer minWidth={720} maxHeight={480} type="native">
        <Table striped stickyHeader verticalSpacing={6} aria-label="Invalid rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Message</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one row may have several errors in the same column
              <Table.Tr key={i}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column}</Table.Td>
                <Table.Td style={{ maxWidth: 240, overflowWrap: 'anywhere' }}>
                  {e.value === '' ? (
                    <Text span c="dimmed" size="sm" className="kw-nowrap">
                      (empty)
                    </Text>
                  ) : (
                    e.value
                  )}
                </Table.Td>
                <Table.Td>
                  <code>{e.rule}</code>
                </Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
