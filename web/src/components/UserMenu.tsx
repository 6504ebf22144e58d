import { Avatar, Button, Menu, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Roles } from '../../../src/domain/enums';
import { useMe, useSession } from '../api/session';
import { notifyError } from '../lib/errors';
import { ChangePasswordModal } from './ChangePasswordModal';

export function UserMenu() {
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  const initials = me.user.name
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

  return (
    <>
      <Menu position="bottom-end" width={240}>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            aria-label={`User menu for ${me.user.name}`}
            leftSection={
              <Avatar size="sm" color="teal">
                {initials}
              </Avatar>
            }
          >
            <Text size="sm" visibleFrom="sm">
              {me.user.name}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {me.user.email}
            <br />
            {Roles.labels[me.role]} in {me.workspace.name}
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item onClick={() => setChangingPassword(true)}>Change password</Menu.Item>
          <Menu.Item
            onClick={async () => {
              try {
                await signOut();
                navigate('/sign-in');
              } catch (err) {
                notifyError(err, 'Could not sign out');
              }
            }}
          >
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {changingPassword && <ChangePasswordModal opened onClose={() => setChangingPassword(false)} />}
    </>
  );
}
