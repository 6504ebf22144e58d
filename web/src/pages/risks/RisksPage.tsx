import { Title } from '@mantine/core';

// Being built this session: the page's helper replaces this.
export function RisksPage() {
  return <Title order={1}>Risk register</Title>;
}
