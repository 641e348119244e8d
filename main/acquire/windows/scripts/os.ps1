# ndes-doctor-script: os
# commands/os.json: Windows version, build and last boot (BUNDLE-FORMAT.md, commands/).
$json = Get-CimInstance -ClassName Win32_OperatingSystem |
    Select-Object Caption, Version, BuildNumber, ProductType, OSLanguage, LastBootUpTime, InstallDate |
    ConvertTo-Json
Write-Utf8Text $json
