# ndes-doctor-script: fix/set-startup-type
# Sets a service's start mode (Automatic, Manual or Disabled).
Set-Service -Name $Name -StartupType $StartupType
Write-Output "$Name start mode: $StartupType"
