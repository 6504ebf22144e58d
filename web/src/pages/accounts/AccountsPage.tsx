import { Button, Collapse, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { API, api, toSearch } from '../../api/client';
import { useSession } from '../../api/session';
import type { AccountColumn, AccountPageT, SavedView } from '../../api/types';
import { Empty, ErrorState, TableSkeleton } from '../../components/States';
import { AccountFilters } from './AccountFilters';
import { AccountsSummary } from './AccountsSummary';
import { AccountsTable } from './AccountsTable';
import { ColumnPicker } from './ColumnPicker';
import { useKpiList } from './kpiColumns';
import { activeFilterCount, apiQuery, DEFAULT_SORT, filterQuery, LAST_FILTERS_KEY, readColumns, readList, withKnownKpis, withParam } from './listState';
import { NewAccountModal } from './NewAccountModal';
import { SavedViews } from './SavedViews';

const PAGE_SIZE = 50;

function countText(total: number, filtered: boolean): string {
  const noun = `${total.toLocaleString()} account${total === 1 ? '' : 's'}`;
  return filtered ? `${noun} match${total === 1 ? 'es' : ''}` : noun;
}

export function AccountsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [filtersOpen, setFiltersOpen] = useState(true);
  const [creating, setCreating] = useState(false);
  const columns = readColumns(params);
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const kpiList = useKpiList();
  const kpiParam = params.get('kpis') ?? '';
  const kpiColumns = useMemo(() => {
    const ids = readList(new URLSearchParams({ kpis: kpiParam }), 'kpis');
    return (kpiList.data?.items ?? []).filter((k) => ids.includes(k.id));
  }, [kpiList.data, kpiParam]);
  // KPI parameters need the KPI list first, to leave out KPIs deleted since the link or view was made.
  const wantsKpis = params.has('kpis') || params.has('kpiStatus');
  const kpisKnown = kpiList.isSuccess ? new Set(kpiList.data.items.map((k) => k.id)) : null;
  const query = (kpisKnown ? withKnownKpis(apiQuery(params), kpisKnown) : apiQuery(params)).toString();
  const filters = filterQuery(params).toString();

  const update = useCallback((key: string, value: string | string[] | null) => setParams((p) => withParam(p, key, value), { replace: true }), [setParams]);

  // The search box updates the URL once typing pauses; a URL change from elsewhere (a view) refills it.
  const urlQ = params.get('q') ?? '';
  const [search, setSearch] = useState(urlQ);
  const [debounced] = useDebouncedValue(search, 300);
  const lastDebounced = useRef(debounced);
  useEffect(() => {
    if (lastDebounced.current === debounced) return;
    lastDebounced.current = debounced;
    if (debounced.trim() !== urlQ) update('q', debounced.trim());
  }, [debounced, urlQ, update]);
  useEffect(() => setSearch((s) => (s.trim() === urlQ ? s : urlQ)), [urlQ]);

  useEffect(() => sessionStorage.setItem(LAST_FILTERS_KEY, filters), [filters]);

  const list = useInfiniteQuery({
    queryKey: ['accounts', 'list', query],
    queryFn: ({ pageParam }) =>
      api.get<AccountPageT>(
        '/accounts',
        new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), limit: String(PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: !wantsKpis || !kpiList.isPending,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const filterCount = activeFilterCount(params);

  function applyView(view: SavedView | null) {
    if (!view) return setParams((p) => withParam(p, 'view', null), { replace: true });
    setParams(new URLSearchParams({ ...view.state.query, cols: view.state.columns.join(','), view: view.id }));
  }

  function clearFilters() {
    const next = new URLSearchParams();
    for (const key of ['sort', 'cols', 'kpis', 'view']) {
      const value = params.get(key);
      if (value) next.set(key, value);
    }
    setParams(next, { replace: true });
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Accounts
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="accounts-total">
            {list.isPending ? 'Counting…' : countText(total, filterCount > 0 || urlQ !== '')}
          </Text>
        </div>
        <Group gap="xs">
          <SavedViews params={params} columns={columns} onApply={applyView} />
          <ColumnPicker
            columns={columns}
            onChange={(cols: AccountColumn[]) => update('cols', cols)}
            kpis={kpiList.data?.items}
            kpiColumns={kpiColumns.map((k) => k.id)}
            onKpiColumnsChange={(ids) => update('kpis', ids)}
          />
          <Button component="a" variant="default" href={`${API}/exports/accounts.csv${toSearch(new URLSearchParams(filters))}`} download>
            Export CSV
          </Button>
          {can('csm') && <Button onClick={() => setCreating(true)}>New account</Button>}
        </Group>
      </Group>

      <AccountsSummary
        filters={filters}
        filtered={filterCount > 0 || urlQ !== ''}
        renewalFrom={params.get('renewalFrom')}
        renewalTo={params.get('renewalTo')}
        onRenewalWindow={(from, to) => setParams((p) => withParam(withParam(p, 'renewalFrom', from), 'renewalTo', to), { replace: true })}
      />

      <Paper withBorder p="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Search accounts"
            placeholder="Name, external ID or domain"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: '1 1 260px' }}
            type="search"
          />
          <Button variant="light" onClick={() => setFiltersOpen((o) => !o)} aria-expanded={filtersOpen} aria-controls="account-filters">
            {filtersOpen ? 'Hide filters' : 'Show filters'}
            {filterCount ? ` (${filterCount})` : ''}
          </Button>
          {filterCount > 0 && (
            <Button variant="subtle" onClick={clearFilters}>
              Clear filters
            </Button>
          )}
          {list.isFetching && !list.isFetchingNextPage && <Loader size="xs" aria-label="Updating the list" />}
        </Group>
        <Collapse expanded={filtersOpen} id="account-filters">
          <div style={{ paddingTop: 'var(--mantine-spacing-sm)' }}>
            <AccountFilters params={params} onChange={update} kpis={kpiList.data?.items} />
          </div>
        </Collapse>
      </Paper>

      <Paper withBorder>
        {list.isPending ? (
          <TableSkeleton columns={columns.length} />
        ) : list.isError ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <ErrorState error={list.error} title="Could not load accounts" onRetry={() => list.refetch()} />
          </div>
        ) : items.length === 0 ? (
          filterCount || urlQ ? (
            <Empty
              title="No accounts match"
              description="Try fewer filters or a shorter search."
              action={<Button onClick={clearFilters}>Clear filters</Button>}
            />
          ) : (
            <Empty
              title="No accounts yet"
              description="Add your first customer, or import a CSV file of accounts."
              action={can('csm') && <Button onClick={() => setCreating(true)}>New account</Button>}
            />
          )
        ) : (
          <AccountsTable items={items} columns={columns} kpis={kpiColumns} sort={sort} onSort={(s) => update('sort', s)} />
        )}
      </Paper>

      {items.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Showing {items.length.toLocaleString()} of {total.toLocaleString()}
          </Text>
          {list.hasNextPage && (
            <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Load more
            </Button>
          )}
        </Group>
      )}
      {creating && <NewAccountModal opened onClose={() => setCreating(false)} />}
    </Stack>
  );
}
