// Who a case can be assigned to. Agents deleted or suspended on the helpdesk stay in the directory
// (cases still name them) but are offered for no new assignment; a case already assigned to one
// still shows that agent, so the picker can display its current value.

/**
 * The agents an assignee picker offers: the active ones, plus `currentId` (the case's assignee, or
 * the value an edited action sets) even when inactive. Order is kept.
 */
export function assignableAgents<A extends { id: number; active: boolean }>(agents: readonly A[], currentId: number | null = null): A[] {
  return agents.filter((agent) => agent.active || agent.id === currentId);
}
