# ndes-doctor-script: fix/restore-user-right
# Undo of grant-user-right: sets the right's holders back to the list in the secedit backup
# (nobody when the backup has no line for it). Other rights are not touched.
$holders = @(Get-RightHolders -File $From -Right $Right)
Set-RightHolders -Right $Right -Holders $holders
Write-Output "$Right restored to: $($holders -join ',')"
