# ndes-doctor-script: fix/check-user-right-gpo
# Precheck: does a Group Policy set this right? The winning setting has precedence 1 in the RSoP
# namespace; a GPO would replace a local change at its next refresh, so exit 5 refuses the fix.
$rows = $null
try {
    $rows = @(Get-CimInstance -Namespace 'root\rsop\computer' -ClassName 'RSOP_UserPrivilegeRight' -ErrorAction Stop)
} catch {
    Write-Output "Resultant Set of Policy is not available ($($_.Exception.Message)); no Group Policy setting of $Right was found."
    exit 0
}
$set = @($rows | Where-Object { $_.UserRight -eq $Right -and $_.precedence -eq 1 })
if ($set.Count -gt 0) {
    Write-Output "$Right is set by the Group Policy object $($set[0].GPOID). Change it in that GPO (gpresult /h report.html), not locally."
    exit 5
}
Write-Output "No Group Policy sets $Right."
exit 0
