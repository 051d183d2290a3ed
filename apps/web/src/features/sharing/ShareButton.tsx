import { useQuery } from '@tanstack/react-query';
import { Share2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { api } from '../../lib/trpc';
import { ShareDialog } from './ShareDialog';

/** The editor's Share button: the open graph's workspace shares and links. */
export function ShareButton({ graphId }: { graphId: string }) {
  const [open, setOpen] = useState(false);
  // The editor has loaded the graph under this key already: its workspace comes from the cache.
  const graph = useQuery({
    queryKey: ['graph', graphId],
    queryFn: () => api.graphs.get.query({ id: graphId }),
  });
  if (!graph.data) return null;
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        icon={<Share2 className="size-4" aria-hidden />}
        onClick={() => setOpen(true)}
      >
        Share
      </Button>
      {open && (
        <ShareDialog
          graphId={graphId}
          ownWorkspaceId={graph.data.workspaceId}
          open={open}
          onOpenChange={setOpen}
        />
      )}
    </>
  );
}
