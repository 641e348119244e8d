# ndes-doctor-script: windows-features
# commands/windows-features.json: installed roles and features (ADCS-Device-Enrollment, IIS parts).
# InstallState is turned into its name: ConvertTo-Json would otherwise print the enum's number.
$json = Get-WindowsFeature |
    Select-Object Name, @{ n = 'InstallState'; e = { "$($_.InstallState)" } } |
    ConvertTo-Json
Write-Utf8Text $json
