# ndes-doctor-script: installed-products
# commands/installed-products.json: the Uninstall entries of both registry views (the connector
# and its policy module register there), the list Programs and Features shows.
$keys = @(
    'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*',
    'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*'
)
$rows = Get-ItemProperty -Path $keys -ErrorAction SilentlyContinue |
    Where-Object { $_.DisplayName } |
    Select-Object DisplayName, DisplayVersion, Publisher, InstallDate
Write-Utf8Text (ConvertTo-Json -InputObject @($rows))
