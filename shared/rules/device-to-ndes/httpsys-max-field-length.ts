// HTTP.sys rejects request lines and headers longer than MaxFieldLength (default 16384) before IIS
// sees them; SCEP PKIOperation GETs carry the whole request in the URL (SEED-CFG step 4, SEED-D2N 414).
import { defineRule } from '../../engine/define-rule';
import { httpSysLimit } from '../../engine/computed/httpsys';

const strings = {
  title: 'HTTP.sys MaxFieldLength allows long SCEP URLs',
  failureTitle: 'HTTP.sys MaxFieldLength is too small for SCEP requests',
  why: 'Devices send PKIOperation requests as long GET URLs; HTTP.sys answers 400/414 before IIS or NDES see them.',
  fix: 'reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters /v MaxFieldLength /t REG_DWORD /d 65534 /f, then restart the server (iisreset does not apply HTTP.sys changes).',
  missing:
    'MaxFieldLength is not set, so HTTP.sys uses its default of 16384 bytes (65534 required).',
  low: 'MaxFieldLength is {value}, below the 65534 that long SCEP requests need.',
  ok: 'MaxFieldLength is {value} (65534 or more).',
};

export default defineRule({
  meta: {
    id: 'httpsys-max-field-length',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: ['regHttpParameters'],
    fixWizard: 'set-httpsys-limits',
  },
  strings,
  check: ({ regHttpParameters }) => httpSysLimit(regHttpParameters, 'MaxFieldLength', strings),
});
