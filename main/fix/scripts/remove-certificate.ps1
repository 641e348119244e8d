# ndes-doctor-script: fix/remove-certificate
# Undo of request-ra-certificate: deletes the certificate the fix installed, with its private key.
$thumbprint = (Get-Content -LiteralPath $ThumbprintFile -Raw).Trim()
if ($thumbprint -notmatch '^[0-9A-F]{40}$') { throw "no thumbprint in $ThumbprintFile" }
$item = 'Cert:\LocalMachine\' + $Store + '\' + $thumbprint
if (Test-Path -LiteralPath $item) {
    Remove-Item -LiteralPath $item -DeleteKey
    Write-Output "Removed $thumbprint and its private key from LocalMachine\$Store"
} else {
    Write-Output "$thumbprint is not in LocalMachine\$Store"
}
