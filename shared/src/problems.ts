/** Built-in problem library: classic prompts with a brief and suggested scale. */
import type { EstimateInputs } from './estimates/estimateInputs.js'

export interface Problem {
  id: string
  title: string
  brief: string
  scale: readonly string[]
  /** The capacity card's inputs this prompt states outright (its scale lines), pre-filled at creation. */
  estimates?: Partial<EstimateInputs>
}

const p = (
  id: string,
  title: string,
  brief: string,
  scale: readonly string[],
  estimates?: Partial<EstimateInputs>,
): Problem => ({ id, title, brief, scale, ...(estimates ? { estimates } : {}) })

export const PROBLEMS: readonly Problem[] = [
  p(
    'url-shortener',
    'Design a URL shortener',
    'Users submit a long URL and get a short alias that redirects to it. Support custom aliases, expiry and click analytics.',
    ['100 M new URLs / month', '10:1 read:write', 'Redirect p99 < 50 ms', 'Keep links 5 years'],
    { readWriteRatio: 10, retentionYears: 5 },
  ),
  p(
    'news-feed',
    'Design a social news feed',
    'Users follow others and see a ranked feed of their posts. Posting, following and infinite scroll of the feed.',
    [
      '300 M daily active users',
      'Average 200 follows; some accounts with 50 M followers',
      'Feed load p99 < 200 ms',
    ],
    { dailyActiveUsers: 300e6 },
  ),
  p(
    'chat',
    'Design a chat system',
    'One-to-one and group chat with online presence, delivery/read receipts and history on every device.',
    [
      '50 M daily active users',
      '40 messages / user / day',
      'Groups up to 500 members',
      'Delivery < 500 ms when online',
    ],
    { dailyActiveUsers: 50e6, requestsPerUserPerDay: 40 },
  ),
  p(
    'ride-hailing',
    'Design a ride-hailing service',
    'Riders request a ride, nearby drivers are matched, both see live location until drop-off; pricing and payment at the end.',
    [
      '20 M rides / day',
      'Drivers send location every 4 s',
      '5 M concurrent drivers at peak',
      'Match within 10 s',
    ],
  ),
  p(
    'video-streaming',
    'Design a video streaming platform',
    'Creators upload videos that are transcoded and streamed to viewers at adaptive bitrates, with view counts and recommendations.',
    ['500 hours uploaded / minute', '1 B views / day', 'Start playback < 2 s'],
  ),
  p(
    'rate-limiter',
    'Design a distributed rate limiter',
    'Limit requests per client and per API across a fleet of gateway servers, with configurable rules and clear responses when throttled.',
    ['1 M requests / s across 200 gateways', 'Added latency < 5 ms', 'Rules change without redeploy'],
  ),
  p(
    'web-crawler',
    'Design a web crawler',
    'Crawl the web politely, de-duplicate pages, respect robots.txt and feed a search indexer.',
    ['1 B pages / month', 'Re-crawl popular pages daily', 'Politeness: 1 request / s per host'],
  ),
  p(
    'notification-system',
    'Design a notification system',
    'Send push, email and SMS notifications triggered by services, with user preferences, templates, retries and rate limits.',
    ['10 M notifications / day, bursts 10× at peak', 'At-least-once delivery', 'Per-user opt-out'],
  ),
  p(
    'file-storage',
    'Design a file storage and sync service',
    'Users store files in the cloud and keep them in sync across devices, with sharing and version history.',
    ['500 M users, 10 GB each', 'Files up to 10 GB', 'Sync changes within seconds'],
  ),
  p(
    'search-autocomplete',
    'Design search autocomplete',
    'Suggest the top completions as a user types a query, ranked by popularity and freshness.',
    ['10 B queries / day', 'Suggestions p99 < 100 ms', 'Trending terms appear within 1 h'],
  ),
  p(
    'payment-system',
    'Design a payment system',
    'Accept card payments for an online marketplace, pay out sellers, and keep an exact ledger with no double charges.',
    ['1 M transactions / day', 'Exactly-once charging', 'Full audit trail', 'PCI-DSS scope kept small'],
  ),
  p(
    'distributed-cache',
    'Design a distributed cache',
    'A horizontally scalable in-memory key-value cache with eviction, replication and client-side sharding.',
    ['10 M ops / s', '100 TB of hot data', 'p99 < 1 ms inside the data centre'],
  ),
  p(
    'ticket-booking',
    'Design a ticket booking system',
    'Users browse events and book seats; no seat may be sold twice, even when a popular sale opens.',
    ['100 K users queueing at sale start', 'Hold seats for 10 minutes', 'Zero double bookings'],
  ),
  p(
    'metrics-monitoring',
    'Design a metrics and alerting system',
    'Collect metrics from every host and service, store them as time series, draw dashboards and fire alerts.',
    ['10 M data points / s', 'Keep 1-minute resolution for 1 year', 'Alerts within 1 min'],
    { retentionYears: 1 },
  ),
]

export function problemById(id: string): Problem | undefined {
  return PROBLEMS.find((x) => x.id === id)
}
