# ndes-doctor-script: fix/install-features
# Installs Windows features; exit 3010 (ERROR_SUCCESS_REBOOT_REQUIRED) when Windows reports
# RestartNeeded, so the executor asks for a reboot only then.
$result = Install-WindowsFeature -Name $Features
foreach ($f in $result.FeatureResult) { Write-Output ('{0}: {1}' -f $f.Name, $f.Success) }
Write-Output ('Success: {0}; RestartNeeded: {1}; ExitCode: {2}' -f $result.Success, $result.RestartNeeded, $result.ExitCode)
if (-not $result.Success) { exit 1 }
if ("$($result.RestartNeeded)" -eq 'Yes') { exit 3010 }
exit 0
