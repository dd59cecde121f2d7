/**
 * The stream-name prefixes of this service's own streams on EventStoreDB (councilStream and votingStream in
 * the domains; a test holds them equal). Reads of $all, subscriptions and the head leave every other stream out,
 * so another application writing to the same server is never projected.
 */
export const SERVICE_STREAM_PREFIXES: readonly string[] = ['council-', 'voting-'];
