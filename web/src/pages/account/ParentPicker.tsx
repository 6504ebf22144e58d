import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AccountPageT } from '../../api/types';

interface Props {
  accountId: string;
  value: string | null;
  /** The current parent's name, shown before any search. */
  valueLabel: string | null;
  error?: string | undefined;
  onChange(id: string | null): void;
}

/** Picks the parent account by searching the workspace's accounts by name. */
export function ParentPicker({ accountId, value, valueLabel, error, onChange }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const results = useQuery({
    queryKey: ['accounts', 'parent-search', debounced],
    queryFn: () => api.get<AccountPageT>('/accounts', { q: debounced, limit: 20, sort: 'name' }),
    staleTime: 30_000,
  });

  const options = (results.data?.items ?? []).filter((a) => a.id !== accountId).map((a) => ({ value: a.id, label: a.name }));
  const current = value && (picked?.value === value ? picked : valueLabel ? { value, label: valueLabel } : null);
  if (current && !options.some((o) => o.value === current.value)) options.unshift(current);

  return (
    <Select
      label="Parent account"
      placeholder="None (top-level)"
      searchable
      clearable
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      // The API already filtered by name; keep its answer as it is.
      filter={({ options: all }) => all}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No account matches'}
      error={error}
      onChange={(id, option) => {
        setPicked(id ? { value: id, label: option?.label ?? id } : null);
        onChange(id);
      }}
    />
  );
}
