import { Title } from '@mantine/core';

// Being built this session: the page's helper replaces this.
export function PlaybooksPage() {
  return <Title order={1}>Playbooks</Title>;
}
