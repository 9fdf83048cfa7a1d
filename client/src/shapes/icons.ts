import {
  Activity, Archive, Bell, BookMarked, Box, BrickWall, CalendarClock, Cloud, Cog, Columns3,
  CreditCard, Database, DoorOpen, FileJson, Gauge, Globe, Inbox, KeyRound, Layers, LockKeyhole,
  MapPin, MapPinned, Network, Plug, PowerOff, RadioTower, Route, ScrollText, Search, Server,
  ShieldCheck, Signpost, SlidersHorizontal, Smartphone, Split, User, Warehouse, Waves, Workflow,
  Zap, type LucideIcon,
} from 'lucide-react'

/**
 * The catalog names icons in lucide's kebab-case; named imports (not the dynamic icon loader)
 * keep only these ~40 icons in the bundle.
 */
export const CATALOG_ICONS: Readonly<Record<string, LucideIcon>> = {
  activity: Activity,
  archive: Archive,
  bell: Bell,
  'book-marked': BookMarked,
  box: Box,
  'brick-wall': BrickWall,
  'calendar-clock': CalendarClock,
  cloud: Cloud,
  cog: Cog,
  'columns-3': Columns3,
  'credit-card': CreditCard,
  database: Database,
  'door-open': DoorOpen,
  'file-json': FileJson,
  gauge: Gauge,
  globe: Globe,
  inbox: Inbox,
  'key-round': KeyRound,
  layers: Layers,
  'lock-keyhole': LockKeyhole,
  'map-pin': MapPin,
  'map-pinned': MapPinned,
  network: Network,
  plug: Plug,
  'power-off': PowerOff,
  'radio-tower': RadioTower,
  route: Route,
  'scroll-text': ScrollText,
  search: Search,
  server: Server,
  'shield-check': ShieldCheck,
  signpost: Signpost,
  'sliders-horizontal': SlidersHorizontal,
  smartphone: Smartphone,
  split: Split,
  user: User,
  warehouse: Warehouse,
  waves: Waves,
  workflow: Workflow,
  zap: Zap,
}

/** Falls back to a plain box so a kind added to the catalog before its icon still renders. */
export function iconFor(name: string): LucideIcon {
  return CATALOG_ICONS[name] ?? Box
}
