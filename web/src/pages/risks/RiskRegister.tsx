import { Anchor, Button, Group, MultiSelect, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { RiskCategories, RiskRecordStatuses, Severities } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { useMembers } from '../../api/queries';
import type { RiskPage } from '../../api/types';
import { ListTable } from '../../components/ListTable';
import { Empty, ErrorState, TableSkeleton } from '../../components/States';
import { enumOptions, formatDate } from '../../lib/format';
import { RiskStatusBadge, SeverityBadge } from './badges';
import { useRiskTypes } from './RiskModal';

const statusOptions = [
  { value: 'open', label: 'Open or mitigating' },
  { value: 'closed', label: 'Closed (mitigated, churned, dismissed)' },
  ...enumOptions(RiskRecordStatuses).filter((o) => o.value !== 'open'),
];

const sortOptions = [
  { value: '-severity', label: 'Severity, highest first' },
  { value: '-identifiedOn', label: 'Identified, newest first' },
  { value: 'identifiedOn', label: 'Identified, oldest first' },
];

/** The register across accounts: every risk with its account, severity, owner and status; filtered and paged. */
export function RiskRegister() {
  const members = useMembers();
  const types = useRiskTypes();
  const [status, setStatus] = useState<string[]>(['open']);
  const [severity, setSeverity] = useState<string[]>([]);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [riskTypeId, setRiskTypeId] = useState<string | null>(null);
  const [sort, setSort] = useState('-severity');
  const filters = { status, severity, ownerId, category, riskTypeId, sort };
  const query = useInfiniteQuery({
    queryKey: ['risks', 'register', filters],
    queryFn: ({ pageParam }) => api.get<RiskPage>('/risks', { ...filters, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="register-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="register-title">
          Register {total !== undefined ? `(${total})` : ''}
        </Title>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <MultiSelect label="Status" data={statusOptions} value={status} onChange={setStatus} clearable w={300} />
          <MultiSelect label="Severity" data={enumOptions(Severities)} value={severity} onChange={setSeverity} clearable w={200} />
          <Select
            label="Owner"
            placeholder="Anyone"
            clearable
            searchable
            data={[{ value: 'none', label: 'Nobody' }, ...(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))]}
            value={ownerId}
            onChange={setOwnerId}
            w={180}
          />
          <Select label="Category" placeholder="Any" clearable data={enumOptions(RiskCategories)} value={category} onChange={setCategory} w={160} />
          <Select
            label="Type"
            placeholder="Any"
            clearable
            searchable
            data={(types.data?.items ?? []).filter((t) => !category || t.category === category).map((t) => ({ value: t.id, label: t.label }))}
            value={riskTypeId}
            onChange={setRiskTypeId}
            w={220}
          />
          <Select label="Sort" data={sortOptions} value={sort} allowDeselect={false} onChange={(v) => setSort(v ?? '-severity')} w={210} />
        </Group>
        {query.isPending ? (
          <TableSkeleton columns={7} rows={6} />
        ) : query.isError ? (
          <ErrorState error={query.error} title="Could not load the register" onRetry={() => query.refetch()} />
        ) : items.length === 0 ? (
          <Empty title="No risks match" description="Change the filters, or log a risk from an account's Risks tab." />
        ) : (
          <>
            <ListTable label="Risk register" minWidth={900} columns={['Risk', 'Account', 'Severity', 'Status', 'Owner', 'Identified', 'Mitigation plan']}>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {r.title}
                    </Text>
                    {r.riskTypeLabel && r.riskTypeLabel !== r.title && (
                      <Text size="xs" c="dimmed">
                        {r.riskTypeLabel}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/accounts/${r.accountId}?tab=risks`} size="sm">
                      {r.accountName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={r.severity} />
                  </Table.Td>
                  <Table.Td>
                    <RiskStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    {r.ownerName ?? (
                      <Text span c="dimmed" size="sm">
                        Nobody
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="kw-nowrap">{formatDate(r.identifiedOn)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {r.mitigationPlan}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
            {query.hasNextPage && (
              <Group justify="center">
                <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
                  Show more
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
