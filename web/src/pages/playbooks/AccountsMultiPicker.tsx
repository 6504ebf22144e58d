import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AccountPageT } from '../../api/types';

interface Props {
  value: string[];
  error?: string | undefined;
  onChange(ids: string[]): void;
}

/** Several accounts, found by searching names on the server; the picked ones keep their labels while the search changes. */
export function AccountsMultiPicker({ value, error, onChange }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const results = useQuery({
    queryKey: ['accounts', 'picker', debounced],
    queryFn: () => api.get<AccountPageT>('/accounts', { q: debounced, limit: 20, sort: 'name' }),
    staleTime: 30_000,
  });
  const found = (results.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  const picked = value.filter((id) => !found.some((o) => o.value === id)).map((id) => ({ value: id, label: labels[id] ?? id }));
  return (
    <MultiSelect
      label="Accounts"
      description="Search by name; up to 500 at a time"
      placeholder={value.length ? '' : 'Search accounts'}
      required
      searchable
      data={[...picked, ...found]}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No account matches'}
      maxValues={500}
      error={error}
      onChange={(ids) => {
        const all = [...picked, ...found];
        setLabels((prev) => ({ ...prev, ...Object.fromEntries(all.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])) }));
        onChange(ids);
      }}
    />
  );
}
