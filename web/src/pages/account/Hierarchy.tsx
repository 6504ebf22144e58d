import { Anchor, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { DeploymentStatuses } from '../../../../src/domain/enums';
import type { AccountDetail } from '../../api/types';
import { enumLabel, formatMoney } from '../../lib/format';

/** Where the account sits in its customer's hierarchy, and the ARR rolled up from below. */
export function Hierarchy({ account }: { account: AccountDetail }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="hierarchy-title">
      <Title order={2} size="h4" id="hierarchy-title" mb="sm">
        Hierarchy
      </Title>
      <Stack gap="sm">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Parent
          </Text>
          {account.parentId ? (
            <Anchor component={Link} to={`/accounts/${account.parentId}`}>
              {account.parentName}
            </Anchor>
          ) : (
            <Text size="sm">None: this is a top-level account</Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Children ({account.children.length})
          </Text>
          {account.children.length === 0 ? (
            <Text size="sm" c="dimmed">
              No child accounts. Set this account as the parent on another account to build a hierarchy.
            </Text>
          ) : (
            <Table verticalSpacing={4} aria-label="Child accounts">
              <Table.Tbody>
                {account.children.map((child) => (
                  <Table.Tr key={child.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/accounts/${child.id}`} size="sm">
                        {child.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {enumLabel(DeploymentStatuses, child.deploymentStatus)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className="kw-nowrap" fz="sm">
                      {formatMoney(child.arrMinor, child.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {account.children.length > 0 && (
            <Button component={Link} to={`/accounts?parentId=${account.id}`} variant="subtle" size="compact-sm" mt={4}>
              Show children in the accounts list
            </Button>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
