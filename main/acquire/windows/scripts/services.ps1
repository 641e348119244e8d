# ndes-doctor-script: services
# commands/services.json: every service with its state, start mode and logon account.
$json = Get-CimInstance -ClassName Win32_Service |
    Select-Object Name, DisplayName, State, StartMode, StartName, PathName |
    ConvertTo-Json
Write-Utf8Text $json
