import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AccountPageT } from '../../api/types';

interface Props {
  label: string;
  value: string | null;
  required?: boolean;
  error?: string | undefined;
  placeholder?: string;
  onChange(id: string | null): void;
}

/** Picks an account by searching the workspace's accounts by name (the API filters; the list stays short). */
export function AccountPicker({ label, value, required = false, error, placeholder = 'Search accounts', onChange }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const results = useQuery({
    queryKey: ['accounts', 'picker', debounced],
    queryFn: () => api.get<AccountPageT>('/accounts', { q: debounced, limit: 20, sort: 'name' }),
    staleTime: 30_000,
  });
  const options = (results.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  if (picked && picked.value === value && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      required={required}
      searchable
      clearable={!required}
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
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
