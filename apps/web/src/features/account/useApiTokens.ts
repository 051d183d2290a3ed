import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from '../../components/toast';
import { authApi } from '../../lib/authClient';
import { authErrorMessage } from './authMessages';

const TOKENS_KEY = ['account', 'apiTokens'] as const;

/** The user's API tokens, and creating and deleting them. */
export function useApiTokens() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
  const list = useQuery({ queryKey: TOKENS_KEY, queryFn: authApi.listApiTokens });
  const create = useMutation({
    mutationFn: authApi.createApiToken,
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (token: { id: string; name: string }) => authApi.deleteApiToken(token.id),
    onSuccess: async (_answer, token) => {
      await refresh();
      toast({ tone: 'success', title: `Deleted the token "${token.name}"` });
    },
    onError: (error) =>
      toast({ tone: 'error', title: 'Could not delete', description: authErrorMessage(error) }),
  });
  return { list, create, remove };
}
