import {
  Bot,
  Box,
  Code,
  Globe,
  LogIn,
  LogOut,
  Merge,
  Shuffle,
  Split,
  Timer,
  UserCheck,
  Workflow,
  type LucideIcon,
} from 'lucide-react';

/** The lucide icons node types name in `ui.icon`; unknown names get a plain box. */
const ICONS: Record<string, LucideIcon> = {
  bot: Bot,
  code: Code,
  globe: Globe,
  'log-in': LogIn,
  'log-out': LogOut,
  merge: Merge,
  shuffle: Shuffle,
  split: Split,
  timer: Timer,
  'user-check': UserCheck,
  workflow: Workflow,
};

export function NodeIcon({
  name,
  className = 'size-4',
}: {
  name: string | undefined;
  className?: string;
}) {
  const Icon = (name && ICONS[name]) || Box;
  return <Icon aria-hidden className={className} />;
}
