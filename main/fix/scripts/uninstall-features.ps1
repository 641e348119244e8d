# ndes-doctor-script: fix/uninstall-features
# Undo of install-features: removes exactly the features that fix installed.
$result = Uninstall-WindowsFeature -Name $Features
foreach ($f in $result.FeatureResult) { Write-Output ('{0}: {1}' -f $f.Name, $f.Success) }
Write-Output ('Success: {0}; RestartNeeded: {1}' -f $result.Success, $result.RestartNeeded)
if (-not $result.Success) { exit 1 }
if ("$($result.RestartNeeded)" -eq 'Yes') { exit 3010 }
exit 0
