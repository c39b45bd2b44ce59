// Resource URLs the way Zendesk writes them into records.

export function ticketUrl(baseUrl: string, id: number): string {
  return `${baseUrl}/api/v2/tickets/${id}.json`;
}

export function userUrl(baseUrl: string, id: number): string {
  return `${baseUrl}/api/v2/users/${id}.json`;
}

export function groupUrl(baseUrl: string, id: number): string {
  return `${baseUrl}/api/v2/groups/${id}.json`;
}

export function organizationUrl(baseUrl: string, id: number): string {
  return `${baseUrl}/api/v2/organizations/${id}.json`;
}

export function macroUrl(baseUrl: string, id: number): string {
  return `${baseUrl}/api/v2/macros/${id}.json`;
}

export function attachmentUrl(baseUrl: string, token: string, fileName: string): string {
  return `${baseUrl}/attachments/token/${token}/?name=${encodeURIComponent(fileName)}`;
}
