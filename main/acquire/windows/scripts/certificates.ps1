# ndes-doctor-script: certificates
# certs/: every certificate of LocalMachine My, Root and CA as DER ($cert.RawData) under
# $OutDir\LocalMachine\<Store>\<Thumbprint>.cer, and certs/index.json on stdout. Only public
# certificate bytes and key metadata are read; a private key is opened to name its provider and
# find its key file, never exported. The key file's ACL is what the SCEP pool needs Read on.
function Format-Rights {
    param([System.Security.AccessControl.FileSystemRights]$Rights)
    # Key files often carry generic rights, which FileSystemRights prints as a bare number.
    $mask = [int64]([int]$Rights) -band [int64]4294967295
    $names = @()
    if ($mask -band [int64]268435456) { $names += 'GenericAll' }
    if ($mask -band [int64]536870912) { $names += 'GenericExecute' }
    if ($mask -band [int64]1073741824) { $names += 'GenericWrite' }
    if ($mask -band [int64]2147483648) { $names += 'GenericRead' }
    $rest = [int]($mask -band [int64]268435455)
    if ($rest -ne 0) { $names += "$([System.Security.AccessControl.FileSystemRights]$rest)" }
    return ($names -join ', ')
}

function Get-KeyAcl {
    param([string]$File)
    if (-not $File -or -not (Test-Path -LiteralPath $File)) { return $null }
    $acl = Get-Acl -LiteralPath $File
    $rules = $acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])
    $entries = foreach ($rule in $rules) {
        if ("$($rule.AccessControlType)" -ne 'Allow') { continue }
        $sid = $rule.IdentityReference.Value
        $identity = $sid
        try {
            $identity = $rule.IdentityReference.Translate([System.Security.Principal.NTAccount]).Value
        } catch {
            $identity = $sid
        }
        [pscustomobject][ordered]@{ Identity = $identity; Sid = $sid; Rights = (Format-Rights $rule.FileSystemRights) }
    }
    return , @($entries)
}

function Get-KeyInfo {
    param($Cert)
    $info = @{ Provider = $null; KeySpec = $null; Acl = $null }
    if (-not $Cert.HasPrivateKey) { return $info }
    $key = $null
    try {
        $key = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($Cert)
    } catch {
        return $info
    }
    if ($null -eq $key) { return $info }
    $file = $null
    try {
        if ($key -is [System.Security.Cryptography.RSACryptoServiceProvider]) {
            $container = $key.CspKeyContainerInfo
            $info.Provider = $container.ProviderName
            $info.KeySpec = [int]$container.KeyNumber
            $file = Join-Path $env:ProgramData "Microsoft\Crypto\RSA\MachineKeys\$($container.UniqueKeyContainerName)"
        } elseif ($key -is [System.Security.Cryptography.RSACng]) {
            $info.Provider = $key.Key.Provider.Provider
            $info.KeySpec = 0
            $file = Join-Path $env:ProgramData "Microsoft\Crypto\Keys\$($key.Key.UniqueName)"
        }
        $info.Acl = Get-KeyAcl -File $file
    } catch {
        $info.Acl = $null
    } finally {
        $key.Dispose()
    }
    return $info
}

function Get-TemplateName {
    param($Cert)
    foreach ($ext in $Cert.Extensions) {
        # v1 templates carry their name (1.3.6.1.4.1.311.20.2); v2 ones an OID with the name in
        # parentheses when this machine knows the template (1.3.6.1.4.1.311.21.7).
        if ($ext.Oid.Value -eq '1.3.6.1.4.1.311.20.2') { return $ext.Format($false).Trim() }
        if ($ext.Oid.Value -eq '1.3.6.1.4.1.311.21.7') {
            if ($ext.Format($false) -match '=([^(,=]+)\(') { return $Matches[1].Trim() }
        }
    }
    return $null
}

$rows = foreach ($store in @('My', 'Root', 'CA')) {
    $dir = Join-Path $OutDir "LocalMachine\$store"
    [void][System.IO.Directory]::CreateDirectory($dir)
    $certs = Get-ChildItem -Path "Cert:\LocalMachine\$store" |
        Where-Object { $_ -is [System.Security.Cryptography.X509Certificates.X509Certificate2] }
    foreach ($cert in $certs) {
        [System.IO.File]::WriteAllBytes((Join-Path $dir "$($cert.Thumbprint).cer"), $cert.RawData)
        $key = @{ Provider = $null; KeySpec = $null; Acl = $null }
        if ($store -eq 'My') { $key = Get-KeyInfo -Cert $cert }
        [pscustomobject][ordered]@{
            Store = $store
            Thumbprint = $cert.Thumbprint
            File = "LocalMachine/$store/$($cert.Thumbprint).cer"
            HasPrivateKey = $cert.HasPrivateKey
            KeyProvider = $key.Provider
            KeySpec = $key.KeySpec
            FriendlyName = $cert.FriendlyName
            TemplateName = Get-TemplateName -Cert $cert
            PrivateKeyAcl = $key.Acl
        }
    }
}
Write-Utf8Text (ConvertTo-Json -InputObject @($rows) -Depth 4)
