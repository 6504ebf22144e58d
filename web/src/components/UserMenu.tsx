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

  return (
    <>
      <Menu position="bottom-end" width={240}>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            // Starts with the visible name (WCAG 2.5.3), which narrow screens hide; the avatar is an icon, not initials, so
            // that no visible text is missing from the name.
            aria-label={`${me.user.name}: user menu`}
            leftSection={<Avatar size="sm" color="teal" aria-hidden="true" />}
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
