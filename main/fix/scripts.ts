// The fix scripts (scripts/*.ps1, Windows PowerShell 5.1) embedded at build time, and how one is
// composed for `powershell.exe -EncodedCommand`: parameters first as single-quoted literals (the
// collector's psLiteral), then the fix prelude, then the script. No value is ever parsed as code.
import type { FixScriptName } from '../../shared/model/fix-plan';
import {
  compactScript,
  MAX_COMMAND_LINE,
  powershellArgs,
  psLiteral,
} from '../acquire/windows/powershell';
import type { PsParam } from '../acquire/windows/powershell';
import common from './scripts/fix-common.ps1?raw';
import addGroupMember from './scripts/add-group-member.ps1?raw';
import checkUserRightGpo from './scripts/check-user-right-gpo.ps1?raw';
import exportGroupMembers from './scripts/export-group-members.ps1?raw';
import exportKeyAcl from './scripts/export-key-acl.ps1?raw';
import grantKeyRead from './scripts/grant-key-read.ps1?raw';
import grantUserRight from './scripts/grant-user-right.ps1?raw';
import installFeatures from './scripts/install-features.ps1?raw';
import removeCertificate from './scripts/remove-certificate.ps1?raw';
import removeGroupMember from './scripts/remove-group-member.ps1?raw';
import requestRaCertificate from './scripts/request-ra-certificate.ps1?raw';
import restoreKeyAcl from './scripts/restore-key-acl.ps1?raw';
import restoreUserRight from './scripts/restore-user-right.ps1?raw';
import setServiceState from './scripts/set-service-state.ps1?raw';
import setStartupType from './scripts/set-startup-type.ps1?raw';
import uninstallFeatures from './scripts/uninstall-features.ps1?raw';

/** Script texts by name; the Record makes a missing or extra script a compile error. */
export const FIX_SCRIPTS: Record<FixScriptName, string> = {
  'add-group-member': addGroupMember,
  'check-user-right-gpo': checkUserRightGpo,
  'export-group-members': exportGroupMembers,
  'export-key-acl': exportKeyAcl,
  'grant-key-read': grantKeyRead,
  'grant-user-right': grantUserRight,
  'install-features': installFeatures,
  'remove-certificate': removeCertificate,
  'remove-group-member': removeGroupMember,
  'request-ra-certificate': requestRaCertificate,
  'restore-key-acl': restoreKeyAcl,
  'restore-user-right': restoreUserRight,
  'set-service-state': setServiceState,
  'set-startup-type': setStartupType,
  'uninstall-features': uninstallFeatures,
};

/** Parameters, then the fix prelude, then the script, as one text. */
export function composeFixScript(name: FixScriptName, params: Record<string, PsParam>): string {
  const lines = Object.entries(params).map(([k, v]) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(k)) throw new Error(`bad parameter name ${k}`);
    return `$${k} = ${psLiteral(v)}`;
  });
  return [...lines, compactScript(common), compactScript(FIX_SCRIPTS[name])].join('\r\n');
}

/** The powershell.exe argument array for a composed script; refuses one too long to start. */
export function fixScriptArgs(script: string): string[] {
  const args = powershellArgs(script);
  const length = args.reduce((n, a) => n + a.length + 1, 'powershell.exe'.length);
  if (length > MAX_COMMAND_LINE)
    throw new Error(`the script is too long for a command line (${length})`);
  return args;
}
