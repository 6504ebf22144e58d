import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useSession } from '../../api/session';

/** Only same-site paths are followed after sign-in, never another origin. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/accounts';
}

export function SignInPage() {
  const { me, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<{ email?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (me) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await signIn(email, password);
      navigate(next, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation' && err.issues.length) {
        const byField: { email?: string; password?: string } = {};
        for (const issue of err.issues) {
          if (issue.field === 'email' || issue.field === 'password') byField[issue.field] = issue.message.replace(/^\w+: /, '');
        }
        setFields(byField);
      }
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} maw="100%" component="main">
        <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
          <Stack>
            <div>
              <Title order={1} size="h2" id="sign-in-title">
                Sign in to Keepwell
              </Title>
              <Text c="dimmed" size="sm">
                Your customers, their health and your renewals.
              </Text>
            </div>
            {error && (
              <Alert color="red" role="alert" title="Could not sign in">
                {error}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              error={fields.email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              error={fields.password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
