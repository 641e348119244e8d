// HTTP.sys rejects requests whose request line plus headers exceed MaxRequestBytes (default 16384)
// before IIS logs them (HTTPERR reason RequestLength); long SCEP PKIOperation GETs hit it (SEED-CFG step 4).
import { defineRule } from '../../engine/define-rule';
import { httpSysLimit } from '../../engine/computed/httpsys';

const strings = {
  title: 'HTTP.sys MaxRequestBytes allows long SCEP requests',
  failureTitle: 'HTTP.sys MaxRequestBytes is too small for SCEP requests',
  why: 'Devices send PKIOperation requests as long GET URLs; HTTP.sys rejects them with HTTP 400 before IIS or NDES see them.',
  fix: 'reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters /v MaxRequestBytes /t REG_DWORD /d 65534 /f, then restart the server (iisreset does not apply HTTP.sys changes).',
  missing:
    'MaxRequestBytes is not set, so HTTP.sys uses its default of 16384 bytes (65534 required).',
  low: 'MaxRequestBytes is {value}, below the 65534 that long SCEP requests need.',
  ok: 'MaxRequestBytes is {value} (65534 or more).',
};

export default defineRule({
  meta: {
    id: 'httpsys-max-request-bytes',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: ['regHttpParameters'],
    fixWizard: 'set-httpsys-limits',
  },
  strings,
  check: ({ regHttpParameters }) => httpSysLimit(regHttpParameters, 'MaxRequestBytes', strings),
});
