import { cacheWithoutSource } from './cacheWithoutSource.js'
import { deepSyncChain } from './deepSyncChain.js'
import { noLoadBalancer } from './noLoadBalancer.js'
import { queueWithoutConsumer } from './queueWithoutConsumer.js'
import type { Rule } from './rule.js'
import { singlePointOfFailure } from './singlePointOfFailure.js'
import { unconnectedComponent } from './unconnectedComponent.js'
import { writeHotspot } from './writeHotspot.js'

/** Every rule, in the order the README documents them. */
export const RULES: readonly Rule[] = [
  singlePointOfFailure,
  queueWithoutConsumer,
  unconnectedComponent,
  cacheWithoutSource,
  noLoadBalancer,
  writeHotspot,
  deepSyncChain,
]
