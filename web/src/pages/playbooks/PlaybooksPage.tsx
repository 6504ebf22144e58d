import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { LifecyclePortfolio } from './LifecyclePortfolio';
import { OurPlaybooks } from './OurPlaybooks';
import { TemplateLibrary } from './TemplateLibrary';

/** Playbooks: the workspace's own ("Our playbooks", `?open=<id>` opens one) and the prebuilt template library. */
export function PlaybooksPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'library' ? 'library' : 'ours';
  const openId = params.get('open');
  const go = (next: { tab?: string; open?: string | null }) => {
    const p = new URLSearchParams();
    if ((next.tab ?? tab) === 'library') p.set('tab', 'library');
    if (next.open) p.set('open', next.open);
    setParams(p, { replace: true });
  };

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Playbooks
      </Title>
      <Text size="sm" c="dimmed">
        Checklists, risk assessments, best practices and story tracks for each phase of the customer lifecycle. Applying one to accounts creates their tasks,
        due relative to a start date.
      </Text>
      <LifecyclePortfolio />
      <Tabs value={tab} onChange={(t) => go({ tab: t ?? 'ours', open: null })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="ours">Our playbooks</Tabs.Tab>
          <Tabs.Tab value="library">Template library</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="ours" pt="md">
          <OurPlaybooks
            canEdit={can('manager')}
            canApply={can('csm')}
            openId={openId}
            onOpen={(id) => go({ tab: 'ours', open: id })}
            onBrowseLibrary={() => go({ tab: 'library' })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="library" pt="md">
          <TemplateLibrary canCopy={can('manager')} onCopied={(id) => go({ tab: 'ours', open: id })} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
