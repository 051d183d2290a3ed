import { createContext, useContext } from 'react';
import type { Catalog, NodeTypeInfo } from '../model/catalogTypes';

/** The node types, for components deep in the canvas (nodes, inspector) without prop chains. */
export const CatalogContext = createContext<Catalog>(new Map());

export function useCatalogMap(): Catalog {
  return useContext(CatalogContext);
}

export function useNodeType(type: string): NodeTypeInfo | undefined {
  return useContext(CatalogContext).get(type);
}
