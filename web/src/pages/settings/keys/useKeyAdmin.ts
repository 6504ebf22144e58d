import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../../api/client';
import { fieldErrors, notifyError } from '../../../lib/errors';

/** What API keys and write keys have in common: listed by prefix, created once, revoked. */
export interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * List, create and revoke keys under `path` (admins only). The created key is held until the
 * show-once dialog is closed; create errors come back per field.
 */
export function useKeyAdmin<K extends KeyRow, C>({
  path,
  enabled,
  fields,
  revokeError,
}: {
  path: '/api-keys' | '/write-keys';
  enabled: boolean;
  fields: readonly string[];
  revokeError: string;
}) {
  const queryClient = useQueryClient();
  const queryKey = [path.slice(1)];
  const keys = useQuery({ queryKey, queryFn: () => api.get<{ items: K[] }>(path), enabled });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<C | null>(null);

  const create = useMutation({
    mutationFn: (body: object) => api.post<C>(path, body),
    onSuccess: (key) => {
      queryClient.invalidateQueries({ queryKey });
      setCreated(key);
    },
    onError: (err) => setErrors(fieldErrors(err, fields)),
  });
  const revoke = useMutation({
    mutationFn: (key: K) => api.delete(`${path}/${key.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
    onError: (err) => notifyError(err, revokeError),
  });

  /** Submit the create form; `reset` clears it once the key exists. */
  function submit(event: FormEvent, body: object, reset: () => void) {
    event.preventDefault();
    setErrors({});
    create.mutate(body, { onSuccess: reset });
  }

  return { keys, errors, created, closeCreated: () => setCreated(null), creating: create.isPending, submit, revoke: (key: K) => revoke.mutateAsync(key) };
}
