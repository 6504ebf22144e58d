import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { API } from '../../api/client';
import { useSession } from '../../api/session';
import { LAST_FILTERS_KEY } from '../accounts/listState';
import { ImportPanel } from './ImportPanel';

export function ImportExportPage() {
  const { can } = useSession();
  const lastFilters = sessionStorage.getItem(LAST_FILTERS_KEY) ?? '';

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Import/Export
      </Title>
      <ImportPanel canImport={can('csm')} />
      <Paper withBorder p="md" component="section" aria-labelledby="export-title">
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4" id="export-title">
              Export to CSV
            </Title>
            <Text size="sm" c="dimmed">
              Files open safely in spreadsheets and use the same columns the import reads.
            </Text>
          </div>
          <Group>
            <Button component="a" href={`${API}/exports/accounts.csv`} download>
              Export all accounts
            </Button>
            {lastFilters && (
              <Button component="a" variant="light" href={`${API}/exports/accounts.csv?${lastFilters}`} download>
                Export accounts matching the list filters
              </Button>
            )}
            <Button component="a" variant="default" href={`${API}/exports/contacts.csv`} download>
              Export all contacts
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            To export a segment, filter the{' '}
            <Anchor component={Link} to={`/accounts${lastFilters ? `?${lastFilters}` : ''}`} size="xs" underline="always">
              accounts list
            </Anchor>{' '}
            and use its Export CSV button.
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
