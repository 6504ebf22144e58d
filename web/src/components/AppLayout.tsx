import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const nav = [
  { to: '/my-work', label: 'My work' },
  { to: '/accounts', label: 'Accounts' },
  { to: '/health', label: 'Health' },
  { to: '/red-flags', label: 'Red flags' },
  { to: '/risks', label: 'Risk register' },
  { to: '/playbooks', label: 'Playbooks' },
  { to: '/usage/unmatched', label: 'Unmatched data' },
  { to: '/import-export', label: 'Import/Export' },
  { to: '/settings', label: 'Settings' },
];

/** Header (workspace, user) and navigation around every signed-in page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Text fw={750} size="lg" c="teal.8" component={Link} to="/accounts" aria-label="Keepwell home">
              Keepwell
            </Text>
            <WorkspaceSwitcher />
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation" component="nav">
        {nav.map((item) => (
          <NavLink key={item.to} component={Link} to={item.to} label={item.label} active={pathname.startsWith(item.to)} onClick={close} />
        ))}
        <NavLink href="/api/v1/docs" target="_blank" rel="noopener" label="API docs" description="Opens in a new tab" />
      </AppShell.Navbar>
      <AppShell.Main>
        <div style={{ maxWidth: 1600 }}>{children}</div>
      </AppShell.Main>
    </AppShell>
  );
}
