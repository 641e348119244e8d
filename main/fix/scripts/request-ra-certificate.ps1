# ndes-doctor-script: fix/request-ra-certificate
# Requests a new NDES RA certificate in the machine store with certreq (-new, -submit to the CA in
# MSCEP\CAInfo, -accept), writes its thumbprint to $Out for undo, and grants the pool identity Read
# on the new key. CryptoAPI provider only: NDES cannot use CNG keys (W-NDESACCT).
$work = New-WorkFolder
try {
    $inf = Join-Path $work 'request.inf'
    $req = Join-Path $work 'request.req'
    $cer = Join-Path $work 'issued.cer'
    $lines = @('[Version]', 'Signature="$Windows NT$"', '[NewRequest]', ('Subject = "' + $Subject + '"'), 'MachineKeySet = TRUE', 'Exportable = FALSE', 'KeyLength = 2048', ('KeySpec = ' + $KeySpec), ('KeyUsage = ' + $KeyUsage), ('ProviderName = "' + $Provider + '"'), 'RequestType = PKCS10', '[RequestAttributes]', ('CertificateTemplate = ' + $Template))
    Set-Content -LiteralPath $inf -Value $lines -Encoding Unicode
    Invoke-Tool 'certreq.exe' @('-new', '-q', '-machine', $inf, $req)
    Invoke-Tool 'certreq.exe' @('-submit', '-q', '-config', $CaConfig, $req, $cer)
    if (-not (Test-Path -LiteralPath $cer)) { throw 'the CA did not issue the certificate (pending manager approval?)' }
    Invoke-Tool 'certreq.exe' @('-accept', '-q', '-machine', $cer)
    $thumbprint = (New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 $cer).Thumbprint
    Set-Content -LiteralPath $Out -Value $thumbprint -Encoding ASCII
    Write-Output "Installed $Template certificate $thumbprint in LocalMachine\My"
    if ($Reader) { Grant-KeyRead -Thumbprint $thumbprint -Principal $Reader }
} finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
