import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api } from '../../../api/client';
import type { ScorecardPreview } from '../../../api/types';
import { fromDraft, knownFields, localErrors, remapGroupErrors, type ScorecardDraft } from './draft';
import { PreviewResult } from './PreviewResult';

/**
 * "Preview changes": how the portfolio's scores would change if the draft were saved (POST /scorecards/preview;
 * nothing is written). Once open it re-runs a second after the draft stops changing, as long as the form's own
 * checks pass; the API's field errors show under the fields, as saving shows them.
 */
export function PreviewPanel({
  scorecardId,
  draft,
  onFieldErrors,
}: {
  scorecardId: string | null;
  draft: ScorecardDraft;
  onFieldErrors(errors: Record<string, string>): void;
}) {
  const [open, setOpen] = useState(false);
  const body = useMemo(() => JSON.stringify({ ...(scorecardId ? { scorecardId } : {}), draft: fromDraft(draft) }), [draft, scorecardId]);
  const [settled] = useDebouncedValue(body, 1000);
  const valid = useMemo(() => Object.keys(localErrors(draft)).length === 0, [draft]);
  const lastRun = useRef<string | null>(null);
  const showingErrors = useRef(false);
  const [problems, setProblems] = useState<string[]>([]);
  // The last answer stays on screen while the next one is computed.
  const [result, setResult] = useState<ScorecardPreview | null>(null);

  const run = useMutation({
    mutationFn: (json: string) => api.post<ScorecardPreview>('/scorecards/preview', JSON.parse(json)),
    onSuccess: (preview) => {
      setResult(preview);
      setProblems([]);
      // The draft passed the checks saving makes: errors an earlier preview put on the fields are gone.
      if (showingErrors.current) onFieldErrors({});
      showingErrors.current = false;
    },
    onError: (err) => {
      const { fields, other } = previewErrors(err, draft);
      setProblems(other);
      setResult(null);
      if (Object.keys(fields).length) {
        onFieldErrors(fields);
        showingErrors.current = true;
      }
    },
  });
  const { mutate, isPending } = run;

  function start(json: string) {
    lastRun.current = json;
    mutate(json);
  }

  // One run at a time: on a large portfolio a run takes a while, and edits made meanwhile are previewed when it ends.
  useEffect(() => {
    if (open && valid && !isPending && settled === body && settled !== lastRun.current) {
      lastRun.current = settled;
      mutate(settled);
    }
  }, [open, valid, isPending, settled, body, mutate]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="preview-title">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id="preview-title">
            Preview
          </Title>
          <Text size="xs" c="dimmed">
            How every account's score on this scorecard would change if you saved now. Nothing is saved.
          </Text>
        </Stack>
        {open ? (
          <Group gap="xs">
            <Button variant="light" onClick={() => start(body)} loading={run.isPending}>
              Refresh preview
            </Button>
            <Button variant="default" onClick={() => setOpen(false)}>
              Hide preview
            </Button>
          </Group>
        ) : (
          <Button
            variant="light"
            onClick={() => {
              setOpen(true);
              start(body);
            }}
          >
            Preview changes
          </Button>
        )}
      </Group>
      {open && (
        <Stack gap="md" mt="md">
          {!valid && (
            <Text size="sm" c="dimmed">
              Fix the fields marked in the form to update the preview.
            </Text>
          )}
          {run.isPending && (
            <Group gap="xs" role="status" aria-label="Computing the preview">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                {result ? 'Updating the preview…' : 'Scoring every account with the draft…'}
              </Text>
            </Group>
          )}
          {run.isError && (
            <Alert color="red" title="The draft cannot be previewed" role="alert">
              {problems.length ? problems.join('; ') : 'Fix the fields marked in the form, then the preview updates.'}
            </Alert>
          )}
          {result && !run.isError && <PreviewResult preview={result} />}
        </Stack>
      )}
    </Paper>
  );
}

/** The API names the draft's fields `draft.<field>`: under the form's fields they go, the rest is said in the panel. */
function previewErrors(err: unknown, draft: ScorecardDraft): { fields: Record<string, string>; other: string[] } {
  if (!(err instanceof ApiError)) return { fields: {}, other: [err instanceof Error ? err.message : String(err)] };
  if (!err.issues.length) return { fields: {}, other: [err.message] };
  const known = knownFields(draft);
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const issue of err.issues) {
    const field = issue.field.replace(/^draft\./, '');
    const root = known.find((f) => field === f || field.startsWith(`${f}.`));
    const text = issue.message.startsWith(`${issue.field}: `) ? issue.message.slice(issue.field.length + 2) : issue.message;
    if (root) fields[root] = fields[root] ? `${fields[root]}; ${text}` : text;
    else other.push(issue.message);
  }
  return { fields: remapGroupErrors(draft, fields), other };
}
