import { useEffect, useState } from 'react'

import { BoardScreen } from '../board/BoardScreen'
import { rememberSession } from '../lobby/sessionHistory'
import { CenteredMessage } from '../ui/CenteredMessage'
import { NamePrompt } from './NamePrompt'
import { rememberedName, rememberName } from './participantName'
import { useSessionInfo } from './useSessionInfo'

/** `/s/<id>`: token → session info → name → the live board. */
export default function SessionPage({ sessionId, token }: { sessionId: string; token: string | null }) {
  const session = useSessionInfo(sessionId, token)
  const [name, setName] = useState(rememberedName)
  const info = session.status === 'ready' ? session.info : null
  // "My sessions" in the lobby lists every session this browser joined.
  useEffect(() => {
    if (info && token)
      rememberSession({
        id: info.id,
        title: info.title,
        role: info.role,
        token,
        joinedAt: Date.now(),
        problemId: info.problemId,
        endedAt: info.endedAt,
      })
  }, [info, token])

  if (!token)
    return (
      <CenteredMessage
        tone="error"
        title="This link has no invite token"
        message="Open the full invite link you were sent (it ends with #token=…)."
        action={<a href="/">Go to the lobby</a>}
      />
    )
  if (session.status === 'loading') return <CenteredMessage busy title="Opening the session…" />
  if (session.status === 'error')
    return (
      <CenteredMessage
        tone="error"
        title={session.title}
        message={session.message}
        action={<a href="/">Go to the lobby</a>}
      />
    )
  if (!name)
    return (
      <NamePrompt
        title={session.info.title}
        role={session.info.role}
        onSubmit={(n) => {
          rememberName(n)
          setName(n)
        }}
      />
    )
  return <BoardScreen info={session.info} token={token} name={name} />
}
