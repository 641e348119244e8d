# ndes-doctor-script: fix/set-service-state
# Starts or stops a service and fails unless it ends in the wanted state.
if ($State -eq 'Running') { Start-Service -Name $Name } else { Stop-Service -Name $Name -Force }
$status = "$((Get-Service -Name $Name).Status)"
Write-Output "$Name is $status"
if ($status -ne $State) { exit 1 }
