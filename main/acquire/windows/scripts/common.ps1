# ndes-doctor-script: common
# Prelude of every collector script (Windows PowerShell 5.1). Collection is read-only: these
# scripts only query; the only files they write are the bundle's own.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$ConfirmPreference = 'None'

# Writes text to stdout as UTF-8 with a BOM (what Out-File -Encoding utf8 writes). The bytes go to
# the stdout handle directly: the console code page would turn non-ASCII names into '?', and
# changing [Console]::OutputEncoding would change the admin's console too.
function Write-Utf8Text {
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text)
    $encoding = [System.Text.UTF8Encoding]::new($true)
    [byte[]]$bytes = $encoding.GetPreamble() + $encoding.GetBytes($Text + "`r`n")
    $stdout = [System.Console]::OpenStandardOutput()
    $stdout.Write($bytes, 0, $bytes.Length)
    $stdout.Flush()
}
