# ndes-doctor-script: fix/grant-user-right
# Adds one holder to a user right and keeps every current holder, read live from secedit /export.
$work = New-WorkFolder
try {
    $current = Join-Path $work 'current.inf'
    Invoke-Tool 'secedit.exe' @('/export', '/areas', 'USER_RIGHTS', '/cfg', $current, '/quiet')
    $holders = @(Get-RightHolders -File $current -Right $Right)
    if ($holders -contains $Holder) {
        Write-Output "$Right already lists $Holder"
    } else {
        $holders = $holders + $Holder
        Set-RightHolders -Right $Right -Holders $holders
        Write-Output "$Right = $($holders -join ',')"
    }
} finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
