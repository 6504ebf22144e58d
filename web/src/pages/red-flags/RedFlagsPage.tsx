import { Title } from '@mantine/core';

// Being built this session: the page's helper replaces this.
export function RedFlagsPage() {
  return <Title order={1}>Red flags</Title>;
}
