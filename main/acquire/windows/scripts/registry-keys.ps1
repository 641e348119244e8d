# ndes-doctor-script: registry-keys
# Tells a missing registry key from an unreadable one for the keys reg export could not export:
# reg.exe exits 1 for both and only its localized message differs. $Keys holds HKLM\ paths.
$state = [ordered]@{}
foreach ($key in $Keys) {
    $subKey = $key -replace '^HKLM\\', ''
    try {
        $handle = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey($subKey, $false)
        if ($null -eq $handle) {
            $state[$key] = 'absent'
        } else {
            $handle.Close()
            $state[$key] = 'present'
        }
    } catch [System.Security.SecurityException] {
        $state[$key] = 'denied'
    } catch {
        $state[$key] = "error: $($_.Exception.Message)"
    }
}
Write-Utf8Text ([pscustomobject]$state | ConvertTo-Json)
