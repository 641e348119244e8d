// Collector probe exchanges (probe/mscep.json entries) for rule tests.
import type { ProbeExchange } from '../../shared/model';

export const LOCAL = 'https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll';
export const EXTERNAL = 'https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll';

/** One exchange; `body` is stored base64 as the collector writes it. */
export function exchange(
  name: string,
  url: string,
  status: number | null,
  extra: Partial<ProbeExchange> & { body?: string } = {},
): ProbeExchange {
  const { body, ...rest } = extra;
  return {
    name,
    url,
    method: 'GET',
    status,
    headers: {},
    bodyBase64: body === undefined ? null : btoa(body),
    elapsedMs: 42,
    error: null,
    ...rest,
  };
}
