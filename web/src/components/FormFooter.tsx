import { Button, Group } from '@mantine/core';

/** Cancel and submit, at the foot of a modal form. */
export function FormFooter({ onCancel, saving, submitLabel }: { onCancel(): void; saving: boolean; submitLabel: string }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={saving}>
        {submitLabel}
      </Button>
    </Group>
  );
}
