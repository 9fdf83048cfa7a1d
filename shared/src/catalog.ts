/** The system component library: data only, rendered by the client's component shape. */
import { type MatchRank, matchRank } from './searchRank.js'

export const COMPONENT_GROUPS = [
  { id: 'clients', label: 'Clients', color: 'blue' },
  { id: 'edge', label: 'Edge', color: 'violet' },
  { id: 'compute', label: 'Compute', color: 'green' },
  { id: 'data', label: 'Data', color: 'orange' },
  { id: 'messaging', label: 'Messaging', color: 'red' },
  { id: 'platform', label: 'Platform', color: 'grey' },
  { id: 'external', label: 'External', color: 'light-violet' },
  { id: 'frames', label: 'Frames', color: 'black' },
] as const
export type ComponentGroupId = (typeof COMPONENT_GROUPS)[number]['id']

export interface ComponentKind {
  /** Stable id stored in shape props; never rename (migrations would be needed). */
  kind: string
  group: ComponentGroupId
  label: string
  /** lucide icon name (kebab-case) drawn on the shape and in the palette. */
  icon: string
  technologies: readonly string[]
  /** Extra words the palette search matches. */
  keywords?: readonly string[]
}

const c = (
  kind: string,
  group: ComponentGroupId,
  label: string,
  icon: string,
  technologies: readonly string[],
  keywords: readonly string[] = [],
): ComponentKind => ({ kind, group, label, icon, technologies, keywords })

export const COMPONENT_KINDS: readonly ComponentKind[] = [
  c('web-browser', 'clients', 'Web browser', 'globe', ['Chrome', 'Safari', 'Firefox'], ['client', 'spa']),
  c(
    'mobile-app',
    'clients',
    'Mobile app',
    'smartphone',
    ['iOS', 'Android', 'React Native'],
    ['client', 'phone'],
  ),
  c('external-user', 'clients', 'External user', 'user', [], ['actor', 'person']),

  c('dns', 'edge', 'DNS', 'signpost', ['Route 53', 'Cloudflare DNS'], ['domain', 'geo']),
  c(
    'cdn',
    'edge',
    'CDN',
    'cloud',
    ['CloudFront', 'Cloudflare', 'Fastly', 'Akamai'],
    ['edge cache', 'static'],
  ),
  c(
    'load-balancer',
    'edge',
    'Load balancer',
    'split',
    ['NGINX', 'HAProxy', 'AWS ALB', 'Envoy'],
    ['lb', 'round robin'],
  ),
  c(
    'api-gateway',
    'edge',
    'API gateway',
    'door-open',
    ['Kong', 'AWS API Gateway', 'Envoy'],
    ['gateway', 'routing'],
  ),
  c('rate-limiter', 'edge', 'Rate limiter', 'gauge', ['Redis token bucket', 'Envoy'], ['throttle', 'quota']),
  c(
    'waf',
    'edge',
    'WAF / firewall',
    'brick-wall',
    ['AWS WAF', 'Cloudflare WAF'],
    ['firewall', 'ddos', 'security'],
  ),

  c(
    'service',
    'compute',
    'Service',
    'box',
    ['Go', 'Java', 'Node.js', 'Python'],
    ['microservice', 'app', 'api'],
  ),
  c('web-server', 'compute', 'Web server', 'server', ['NGINX', 'Node.js', 'Tomcat'], ['http', 'app server']),
  c(
    'worker',
    'compute',
    'Worker',
    'cog',
    ['Celery', 'Sidekiq', 'Go worker'],
    ['background', 'job', 'consumer'],
  ),
  c(
    'serverless-function',
    'compute',
    'Serverless function',
    'zap',
    ['AWS Lambda', 'Cloud Functions'],
    ['lambda', 'faas'],
  ),
  c(
    'scheduler',
    'compute',
    'Scheduler',
    'calendar-clock',
    ['cron', 'Airflow', 'Kubernetes CronJob'],
    ['cron', 'batch'],
  ),

  c(
    'relational-db',
    'data',
    'Relational DB',
    'database',
    ['PostgreSQL', 'MySQL', 'Aurora'],
    ['sql', 'rdbms', 'acid'],
  ),
  c(
    'document-db',
    'data',
    'Document DB',
    'file-json',
    ['MongoDB', 'DynamoDB', 'Couchbase'],
    ['nosql', 'json'],
  ),
  c(
    'wide-column-db',
    'data',
    'Wide-column DB',
    'columns-3',
    ['Cassandra', 'ScyllaDB', 'Bigtable', 'HBase'],
    ['nosql', 'write heavy'],
  ),
  c(
    'key-value-store',
    'data',
    'Key-value store',
    'key-round',
    ['Redis', 'DynamoDB', 'etcd'],
    ['kv', 'nosql'],
  ),
  c('cache', 'data', 'Cache', 'layers', ['Redis', 'Memcached'], ['in-memory', 'lru']),
  c(
    'search-index',
    'data',
    'Search index',
    'search',
    ['Elasticsearch', 'OpenSearch', 'Solr'],
    ['full text', 'inverted index'],
  ),
  c(
    'object-storage',
    'data',
    'Object storage',
    'archive',
    ['S3', 'GCS', 'MinIO'],
    ['blob', 'files', 'media'],
  ),
  c(
    'data-warehouse',
    'data',
    'Data warehouse',
    'warehouse',
    ['BigQuery', 'Snowflake', 'Redshift'],
    ['analytics', 'olap'],
  ),

  c(
    'message-queue',
    'messaging',
    'Message queue',
    'inbox',
    ['RabbitMQ', 'SQS', 'ActiveMQ'],
    ['queue', 'async'],
  ),
  c(
    'event-stream',
    'messaging',
    'Event stream',
    'waves',
    ['Kafka', 'Kinesis', 'Pulsar'],
    ['log', 'stream', 'kafka'],
  ),
  c(
    'pubsub-topic',
    'messaging',
    'Pub/sub topic',
    'radio-tower',
    ['SNS', 'Google Pub/Sub', 'Redis Pub/Sub'],
    ['fan-out', 'broadcast'],
  ),
  c(
    'stream-processor',
    'messaging',
    'Stream processor',
    'workflow',
    ['Flink', 'Spark Streaming', 'Kafka Streams'],
    ['etl', 'realtime'],
  ),
  c(
    'notification-service',
    'messaging',
    'Notification service',
    'bell',
    ['APNs', 'FCM', 'Twilio'],
    ['push', 'email', 'sms'],
  ),

  c(
    'service-registry',
    'platform',
    'Service registry',
    'book-marked',
    ['Consul', 'etcd', 'Eureka'],
    ['discovery'],
  ),
  c(
    'config-service',
    'platform',
    'Config service',
    'sliders-horizontal',
    ['Consul KV', 'AWS AppConfig'],
    ['feature flags', 'settings'],
  ),
  c(
    'auth-service',
    'platform',
    'Auth service',
    'shield-check',
    ['OAuth 2.0', 'Keycloak', 'Auth0'],
    ['identity', 'login', 'jwt'],
  ),
  c('secrets-kms', 'platform', 'Secrets / KMS', 'lock-keyhole', ['Vault', 'AWS KMS'], ['encryption', 'keys']),
  c(
    'monitoring',
    'platform',
    'Monitoring',
    'activity',
    ['Prometheus', 'Datadog', 'Grafana'],
    ['metrics', 'alerts'],
  ),
  c('logging', 'platform', 'Logging', 'scroll-text', ['ELK', 'Loki', 'CloudWatch Logs'], ['logs']),
  c(
    'tracing',
    'platform',
    'Tracing',
    'route',
    ['Jaeger', 'OpenTelemetry', 'Zipkin'],
    ['spans', 'distributed tracing'],
  ),
  c(
    'circuit-breaker',
    'platform',
    'Circuit breaker',
    'power-off',
    ['Resilience4j', 'Envoy', 'Hystrix'],
    ['fault tolerance'],
  ),

  c('third-party-api', 'external', 'Third-party API', 'plug', [], ['external', 'vendor']),
  c(
    'payment-provider',
    'external',
    'Payment provider',
    'credit-card',
    ['Stripe', 'Adyen', 'PayPal'],
    ['payments', 'psp'],
  ),
]

/** Container frames drawn behind components. */
export const FRAME_KINDS = [
  { kind: 'region', label: 'Region', icon: 'map-pinned', dash: 'solid' },
  { kind: 'availability-zone', label: 'Availability zone', icon: 'map-pin', dash: 'dashed' },
  { kind: 'vpc', label: 'VPC / network boundary', icon: 'network', dash: 'dotted' },
] as const
export type FrameKind = (typeof FRAME_KINDS)[number]['kind']

/** Labels for arrows between components. */
export const PROTOCOL_LABELS = [
  'REST',
  'gRPC',
  'GraphQL',
  'WebSocket',
  'async',
  'pub/sub',
  'SQL',
  'TCP',
] as const

const BY_KIND = new Map(COMPONENT_KINDS.map((k) => [k.kind, k]))

export function componentKind(kind: string): ComponentKind | undefined {
  return BY_KIND.get(kind)
}

export function groupOf(id: ComponentGroupId) {
  return COMPONENT_GROUPS.find((g) => g.id === id)
}

/** Case-insensitive palette search over label, kind, technologies and keywords, best match first. */
export function searchComponents(query: string): ComponentKind[] {
  if (!query.trim()) return [...COMPONENT_KINDS]
  return COMPONENT_KINDS.map((k) => ({ k, rank: componentRank(query, k) }))
    .filter((m): m is { k: ComponentKind; rank: MatchRank } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank)
    .map((m) => m.k)
}

/** A component's rank for a query (see matchRank); the kind id counts as a keyword. */
export function componentRank(query: string, k: ComponentKind): MatchRank | null {
  return matchRank(query, k.label, [k.kind, ...k.technologies, ...(k.keywords ?? [])])
}
