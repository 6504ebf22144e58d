import { Title } from '@mantine/core';

// Being built this session: the page's helper replaces this.
export function MyWorkPage() {
  return <Title order={1}>My work</Title>;
}
