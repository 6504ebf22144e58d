import { Box, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { StorySubject } from '../../../../../src/domain/enums';
import { api } from '../../../api/client';
import type { Story, StoryCreate, StoryPatch } from '../../../api/types';
import { FormFooter } from '../../../components/FormFooter';
import { Markdown } from '../../../components/Markdown';
import { fieldErrors, notifySuccess } from '../../../lib/errors';
import { fromSubjectValue, toSubjectValue, useSubjectOptions } from './subjectOptions';

const FIELDS = ['title', 'body', 'subjectType', 'subjectId', 'accountId'] as const;

interface Props {
  accountId: string;
  accountName: string;
  /** The story to edit; null to write one. */
  story: Story | null;
  /** Set when the story is written from a record (a meeting, a risk…): it is about that record, no choice offered. */
  fixedSubject?: { subjectType: StorySubject; subjectId: string; label?: string };
  onClose(): void;
}

/** Writes or edits a story: a title, a markdown body with a live preview, and what it is about. */
export function StoryModal({ accountId, accountName, story, fixedSubject, onClose }: Props) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(story?.title ?? '');
  const [body, setBody] = useState(story?.body ?? '');
  const [subject, setSubject] = useState(
    story ? toSubjectValue(story.subjectType, story.subjectId) : fixedSubject ? toSubjectValue(fixedSubject.subjectType, fixedSubject.subjectId) : 'account',
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const options = useSubjectOptions(accountId, accountName, !fixedSubject);
  // Editing a story whose subject is no longer listed (deleted, or its list unavailable) keeps it as it was.
  const listed = options.groups.some((g) => g.items.some((i) => i.value === subject));
  const groups =
    story && !listed ? [...options.groups, { group: 'Current', items: [{ value: subject, label: story.subjectLabel ?? 'A deleted record' }] }] : options.groups;

  const save = useMutation({
    mutationFn: () => {
      const about = fromSubjectValue(subject);
      if (story) {
        const patch: StoryPatch = { title, body };
        if (subject !== toSubjectValue(story.subjectType, story.subjectId)) Object.assign(patch, about);
        return api.patch<Story>(`/stories/${story.id}`, patch);
      }
      const create: StoryCreate = { accountId, title, body, ...about };
      return api.post<Story>('/stories', create);
    },
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: ['stories'] });
      notifySuccess(story ? `Saved “${saved.title}”` : `Published “${saved.title}”`);
      onClose();
    },
    onError: (err) => setErrors(fieldErrors(err, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    save.mutate();
  }

  return (
    <Modal opened onClose={onClose} title={story ? `Edit “${story.title}”` : 'Write a story'} size="xl">
      <form onSubmit={submit} noValidate aria-label={story ? 'Edit story' : 'Write a story'}>
        <Stack>
          <TextInput
            label="Title"
            required
            value={title}
            maxLength={200}
            error={errors.title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            data-autofocus
          />
          {fixedSubject ? (
            <Text size="sm">About: {fixedSubject.label ?? 'this record'}</Text>
          ) : (
            <Select
              label="What is it about?"
              data={groups}
              value={subject}
              onChange={(v) => setSubject(v ?? 'account')}
              allowDeselect={false}
              searchable
              nothingFoundMessage="Nothing matches"
              error={errors.subjectId ?? errors.subjectType}
              description={options.partial ? 'Some of the account’s records could not be loaded; you can still write about the account.' : undefined}
            />
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label="Story"
              description="Markdown: **bold**, *italic*, # heading, - list, > quote, [link](https://…)"
              required
              autosize
              minRows={10}
              maxRows={24}
              value={body}
              error={errors.body}
              onChange={(e) => setBody(e.currentTarget.value)}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Box aria-label="Preview" role="region">
              <Text size="sm" fw={500} mb={4}>
                Preview
              </Text>
              <Box
                p="sm"
                bd="1px solid var(--mantine-color-default-border)"
                style={{ borderRadius: 'var(--mantine-radius-sm)', minHeight: 120, overflowWrap: 'anywhere' }}
              >
                {body.trim() ? (
                  <Markdown source={body} />
                ) : (
                  <Text size="sm" c="dimmed">
                    Your story, as others will read it.
                  </Text>
                )}
              </Box>
            </Box>
          </SimpleGrid>
          <FormFooter onCancel={onClose} saving={save.isPending} submitLabel={story ? 'Save story' : 'Publish story'} />
        </Stack>
      </form>
    </Modal>
  );
}
