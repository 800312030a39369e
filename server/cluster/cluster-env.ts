// Cluster mode's switch: ROLLCALL_DATABASE_URL. With it, every node must be given the same moderator
// key, links sealing key and public URL (a node has no data dir of its own to keep them in), and
// start-up refuses, naming each missing or malformed variable, until they are there.
import { StartupError } from '../data-dir';

export interface ClusterSettings {
  databaseUrl: string;
  moderatorKey: string;
  sealingKey: Buffer;
  publicUrl: string;
  nodeId?: string;
}

/** null without ROLLCALL_DATABASE_URL (the embedded mode); otherwise the checked settings. */
export function clusterSettings(env: Record<string, string | undefined>): ClusterSettings | null {
  const databaseUrl = env.ROLLCALL_DATABASE_URL?.trim();
  if (!databaseUrl) return null;
  const problems: string[] = [];
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('ROLLCALL_DATABASE_URL must be a postgres:// URL');
  const moderatorKey = env.ROLLCALL_MODERATOR_KEY?.trim() ?? '';
  if (moderatorKey.length < 16) problems.push('ROLLCALL_MODERATOR_KEY is required (at least 16 characters; the same on every node)');
  const linksKey = env.ROLLCALL_LINKS_KEY?.trim() ?? '';
  const sealingKey = Buffer.from(linksKey, 'base64');
  if (sealingKey.length !== 32)
    problems.push(
      `ROLLCALL_LINKS_KEY is required: 32 bytes in base64 (${linksKey ? `found ${sealingKey.length} bytes` : 'not set'}); make one with \`openssl rand -base64 32\`, or use the links.key of the data dir you migrated`,
    );
  const publicUrl = env.ROLLCALL_PUBLIC_URL?.trim() ?? '';
  if (!/^https?:\/\/[^/]+/.test(publicUrl))
    problems.push('ROLLCALL_PUBLIC_URL is required: the address cities open (the load balancer), e.g. https://rollcall.example.org');
  if (problems.length)
    throw new StartupError(
      `cluster mode (ROLLCALL_DATABASE_URL is set) needs:\n- ${problems.join('\n- ')}\nFix: set these in every node's environment, or unset ROLLCALL_DATABASE_URL for the embedded mode.`,
    );
  return {
    databaseUrl,
    moderatorKey,
    sealingKey,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    nodeId: env.ROLLCALL_NODE_ID?.trim() || undefined,
  };
}
