/* eslint-disable simple-import-sort/imports -- app.css comes after every component's stylesheet so its rules win ties */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { App } from './App'
import { prefetchReplay } from './replay/replayPrefetch'
import { parseRoute } from './route'
import { takeSessionToken } from './session/sessionToken'
import './styles/app.css'
/* eslint-enable simple-import-sort/imports */

const route = parseRoute(location.pathname)
// Strip the invite token from the address bar before anything else runs or renders.
const token = route.name === 'session' ? takeSessionToken(route.id) : null
// A replay's first requests leave now, while the page's own code and tldraw are still loading.
if (route.name === 'replay') prefetchReplay(route.id)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App route={route} token={token} />
  </StrictMode>,
)
