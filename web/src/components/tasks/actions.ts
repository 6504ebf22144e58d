import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TaskStatus } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { InternalRequest, Task } from '../../api/types';
import { notifyError, notifySuccess } from '../../lib/errors';

/**
 * Everything a task or request change can move: task lists, My work, request lists, and the checklist progress
 * that playbook runs compute from their tasks.
 */
export function invalidateWork(queryClient: QueryClient): void {
  for (const key of ['tasks', 'my-work', 'requests', 'playbooks', 'playbook-runs']) queryClient.invalidateQueries({ queryKey: [key] });
}

/** Complete, reopen and delete a task, with the lists refreshed afterwards. */
export function useTaskActions() {
  const queryClient = useQueryClient();
  const setStatus = useMutation({
    mutationFn: ({ task, status }: { task: Task; status: TaskStatus }) => api.patch<Task>(`/tasks/${task.id}`, { status }),
    onSuccess: (task) => {
      invalidateWork(queryClient);
      notifySuccess(task.status === 'done' ? `Completed “${task.title}”` : `Reopened “${task.title}”`);
    },
    onError: (err) => notifyError(err, 'Could not update the task'),
  });
  const remove = useMutation({
    mutationFn: (task: Task) => api.delete(`/tasks/${task.id}`),
    onSuccess: () => invalidateWork(queryClient),
    onError: (err) => notifyError(err, 'Could not delete the task'),
  });
  return { setStatus, remove };
}

/** Follow up, mark done and delete an internal request. */
export function useRequestActions() {
  const queryClient = useQueryClient();
  const followUp = useMutation({
    mutationFn: (request: InternalRequest) => api.post<InternalRequest>(`/requests/${request.id}/follow-up`),
    onSuccess: (r) => {
      invalidateWork(queryClient);
      notifySuccess(`Follow-up recorded for “${r.title}”`);
    },
    onError: (err) => notifyError(err, 'Could not record the follow-up'),
  });
  const markDone = useMutation({
    mutationFn: (request: InternalRequest) => api.patch<InternalRequest>(`/requests/${request.id}`, { status: 'done' }),
    onSuccess: (r) => {
      invalidateWork(queryClient);
      notifySuccess(`Marked “${r.title}” done`);
    },
    onError: (err) => notifyError(err, 'Could not update the request'),
  });
  const remove = useMutation({
    mutationFn: (request: InternalRequest) => api.delete(`/requests/${request.id}`),
    onSuccess: () => invalidateWork(queryClient),
    onError: (err) => notifyError(err, 'Could not delete the request'),
  });
  return { followUp, markDone, remove };
}
