import { LobbyPage } from '../lobby/LobbyPage'
import { CenteredMessage } from '../ui/CenteredMessage'
import { useWorkspace } from './useWorkspace'

/** `/w/<id>/new`: the lobby, creating its sessions inside the workspace and offering its candidates. */
export function WorkspaceLobby({ workspaceId }: { workspaceId: string }) {
  const { state, api } = useWorkspace(workspaceId)
  if (state.status === 'loading') return <CenteredMessage busy title="Loading the workspace…" />
  if (state.status !== 'ready' || !api)
    return (
      <CenteredMessage
        tone="error"
        title="No access to this workspace"
        message={
          state.status === 'refused' ? state.message : 'Open the workspace link first (it ends in #key=…).'
        }
        action={<a href="/">Go to the lobby</a>}
      />
    )
  return <LobbyPage workspace={{ id: workspaceId, key: api.key, candidates: state.data.candidates }} />
}

// App.tsx lazy-loads the route module's default export.
export default WorkspaceLobby
