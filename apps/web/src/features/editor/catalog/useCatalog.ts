import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../../lib/trpc';
import { catalogOf, type Catalog, type NodeTypeInfo } from '../model/catalogTypes';

/** The node types of the server; they change only with a deploy, so fetched once. */
export function useCatalog() {
  const query = useQuery({
    queryKey: ['catalog'],
    queryFn: () => api.catalog.list.query(),
    staleTime: Infinity,
  });
  const catalog: Catalog = useMemo(() => catalogOf(query.data ?? []), [query.data]);
  return { ...query, catalog, types: query.data ?? NO_TYPES };
}

const NO_TYPES: NodeTypeInfo[] = [];
