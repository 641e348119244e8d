# ndes-doctor-script: fix/common
# Prelude of every fix script (Windows PowerShell 5.1), run elevated by the fix executor: stop at
# the first error with exit code 1 and the message on stderr, never prompt. Output is plain text
# lines for the terminal pane. Exit codes: 0 done, 1 failed, 5 refused (a precheck said no).
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$ConfirmPreference = 'None'
trap {
    [Console]::Error.WriteLine("ERROR: $($_.Exception.Message)")
    exit 1
}

# A private temporary folder, removed by the caller in a finally block.
function New-WorkFolder {
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('ndes-doctor-fix-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    return $work
}

# Runs a console tool with an argument array and fails on a non-zero exit code.
function Invoke-Tool {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments[0]) failed with exit code $LASTEXITCODE" }
}

# A SID string or DOMAIN\name as an IdentityReference.
function Get-Principal {
    param([string]$Name)
    if ($Name -match '^S-1-') { return New-Object System.Security.Principal.SecurityIdentifier $Name }
    return New-Object System.Security.Principal.NTAccount $Name
}

# The file that holds a machine certificate's private key: CryptoAPI keys live in
# Crypto\RSA\MachineKeys, CNG keys in Crypto\Keys (X-ADCSMGMT, "Manage Private Keys").
function Get-KeyFile {
    param([string]$Thumbprint)
    $cert = Get-Item -LiteralPath ('Cert:\LocalMachine\My\' + $Thumbprint)
    if (-not $cert.HasPrivateKey) { throw "certificate $Thumbprint has no private key" }
    $root = Join-Path $env:ProgramData 'Microsoft\Crypto'
    $name = $null
    try { $name = $cert.PrivateKey.CspKeyContainerInfo.UniqueKeyContainerName } catch { $name = $null }
    if ($name) {
        $file = Join-Path $root ('RSA\MachineKeys\' + $name)
        if (Test-Path -LiteralPath $file) { return $file }
    }
    $rsa = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($cert)
    if ($rsa -is [System.Security.Cryptography.RSACng]) {
        $file = Join-Path $root ('Keys\' + $rsa.Key.UniqueName)
        if (Test-Path -LiteralPath $file) { return $file }
    }
    throw "the private key file of certificate $Thumbprint was not found"
}

# Adds an Allow Read entry for a principal to a certificate's private key file.
function Grant-KeyRead {
    param([string]$Thumbprint, [string]$Principal)
    $file = Get-KeyFile -Thumbprint $Thumbprint
    $acl = Get-Acl -LiteralPath $file
    $rule = New-Object System.Security.AccessControl.FileSystemAccessRule((Get-Principal $Principal), 'Read', 'Allow')
    $acl.AddAccessRule($rule)
    Set-Acl -LiteralPath $file -AclObject $acl
    Write-Output "Granted Read on $file to $Principal"
}

# A local group by its well-known SID (group names are localized), through ADSI WinNT.
function Get-LocalGroupBySid {
    param([string]$Sid)
    $account = (New-Object System.Security.Principal.SecurityIdentifier $Sid).Translate([System.Security.Principal.NTAccount])
    return [ADSI]('WinNT://./' + $account.Value.Split('\')[-1] + ',group')
}

# The ADSI path of a member: by SID when known, else WinNT://DOMAIN/name.
function Get-MemberPath {
    param([string]$Member, [string]$MemberSid)
    if ($MemberSid) { return 'WinNT://' + $MemberSid }
    return 'WinNT://' + $Member.Replace('\', '/')
}

# The holders of a right in a secedit INF (UTF-16), as written (*SID or a name).
function Get-RightHolders {
    param([string]$File, [string]$Right)
    foreach ($line in Get-Content -LiteralPath $File) {
        if ($line -match '^\s*(\w+)\s*=\s*(.*)$' -and $Matches[1] -eq $Right) {
            return @($Matches[2].Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' })
        }
    }
    return @()
}

# Sets exactly these holders for one right with secedit /configure (only that right changes).
function Set-RightHolders {
    param([string]$Right, [string[]]$Holders)
    $work = New-WorkFolder
    try {
        $inf = Join-Path $work 'set.inf'
        $lines = @('[Unicode]', 'Unicode=yes', '[Version]', 'signature="$CHICAGO$"', 'Revision=1', '[Privilege Rights]', ($Right + ' = ' + ($Holders -join ',')))
        Set-Content -LiteralPath $inf -Value $lines -Encoding Unicode
        Invoke-Tool 'secedit.exe' @('/configure', '/db', (Join-Path $work 'set.sdb'), '/cfg', $inf, '/areas', 'USER_RIGHTS', '/quiet')
    } finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}
