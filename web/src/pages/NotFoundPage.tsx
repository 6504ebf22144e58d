import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { Empty } from '../components/States';

export function NotFoundPage() {
  return (
    <Empty
      title="Page not found"
      description="This address does not match any page in Keepwell."
      action={
        <Button component={Link} to="/accounts">
          Go to accounts
        </Button>
      }
    />
  );
}
