/** Who is asking, as the auth guard established it. The token itself is never stored. */
export interface Principal {
  tokenId: string;
  label?: string;
  role: 'admin' | 'secretary' | 'historian' | 'analyst';
  councilId?: string;
}
